#!/usr/bin/env bash
# Start-up benchmark, with hyperfine (Debian's package), all commands in one run, medians:
#   - `scaffolder apply` by the installed tool (Native AOT on linux-x64) on a fresh copy of the bundled example
#     (a `django-admin startproject mysite .` tree), Heroku + PostgreSQL + WhiteNoise;
#   - `scaffolder apply --check` on a project that overlay was applied to;
#   - the same apply by the tool as packed before (the ReadyToRun linux-x64 package), for comparison;
#   - a Native AOT hello world;
#   - cookiecutter (Debian's package) rendering the same files from an equivalent template
#     (cookiecutter_template.py makes it from the approved snapshot) into a fresh copy of the example.
# Then the peak memory (maximum resident set size, /usr/bin/time) of each, the median of 5 runs.
# Usage: tests/benchmarks/startup.sh   (works in a temporary folder, removed at the end)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
for tool in hyperfine cookiecutter /usr/bin/time; do
    command -v "$tool" >/dev/null || { apt-get update -q && apt-get install -y -q --no-install-recommends hyperfine cookiecutter time; break; }
done
work="$(mktemp -d)"
version="0.1.0-bench.$(date +%s)"
cleanup() {
    rm -rf "$work"
    for package in scaffolder scaffolder.linux-x64; do
        rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/$package/$version"
    done
}
trap cleanup EXIT
fixture="$repo/tests/Scaffolder.Tests/Fixtures/django52"
snapshot="$repo/tests/Scaffolder.Tests/Snapshots/OverlaySnapshotTests.Overlay_matches_the_approved_snapshot.django52-heroku-postgres-whitenoise-gunicorn.approved.txt"
flags=(--host heroku --database postgres --storage whitenoise --yes)

# The tool as the README installs it: every RID's package (ReadyToRun), then linux-x64's again as Native AOT. Each
# install gets a NuGet cache of its own, so that the second does not take the first's linux-x64 package.
dotnet pack "$repo/src/Scaffolder" -c Release -o "$work/packages" -p:Version="$version" >/dev/null
NUGET_PACKAGES="$work/cache-r2r" dotnet tool install Scaffolder --version "$version" --tool-path "$work/r2r" --add-source "$work/packages" >/dev/null
dotnet pack "$repo/src/Scaffolder" -c Release -r linux-x64 -o "$work/packages" -p:Version="$version" >/dev/null
NUGET_PACKAGES="$work/cache-aot" dotnet tool install Scaffolder --version "$version" --tool-path "$work/aot" --add-source "$work/packages" >/dev/null
file -L "$work/aot/scaffolder" | grep -q ELF || { echo "the installed tool is not a native binary" >&2; exit 1; }

dotnet new console -o "$work/hello" >/dev/null
dotnet publish "$work/hello" -c Release -r linux-x64 -p:PublishAot=true -o "$work/hello/out" >/dev/null

python3 "$repo/tests/benchmarks/cookiecutter_template.py" "$snapshot" "$work/template"
printf 'replay_dir: %s\ncookiecutters_dir: %s\n' "$work/replay" "$work/cookiecutters" > "$work/cookiecutter.yaml"

cp -r "$fixture" "$work/applied"
"$work/aot/scaffolder" apply "$work/applied" "${flags[@]}" >/dev/null

fresh() { printf '#!/bin/sh\nrm -rf "%s" && cp -r "%s" "%s"\n' "$1" "$fixture" "$1" > "$2"; chmod +x "$2"; }
fresh "$work/project" "$work/fresh-project.sh"
fresh "$work/cookiecutter-out/project" "$work/fresh-cookiecutter.sh"
mkdir -p "$work/cookiecutter-out"

apply="$work/aot/scaffolder apply $work/project ${flags[*]}"
check="$work/aot/scaffolder apply $work/applied --check"
apply_r2r="$work/r2r/scaffolder apply $work/project ${flags[*]}"
hello="$work/hello/out/hello"
cookiecutter="cookiecutter --no-input -f --config-file $work/cookiecutter.yaml -o $work/cookiecutter-out $work/template"

# The builds above leave hundreds of MB to write back; an fsync would wait for them. Flush them first, so that the
# apply's own flushes (each file it writes reaches the disk before it is renamed into place) are what is measured.
sync
hyperfine -N --warmup 3 --runs 30 --export-json "$work/results.json" \
    --prepare "$work/fresh-project.sh" --command-name "scaffolder apply (Native AOT)" "$apply" \
    --prepare "true" --command-name "scaffolder apply --check (Native AOT)" "$check" \
    --prepare "$work/fresh-project.sh" --command-name "scaffolder apply (ReadyToRun, before)" "$apply_r2r" \
    --prepare "true" --command-name "Native AOT hello world" "$hello" \
    --prepare "$work/fresh-cookiecutter.sh" --command-name "cookiecutter, same files" "$cookiecutter"

# Peak memory: the median of 5 runs' maximum resident set size, each run prepared as hyperfine's were.
peak() {
    local prepare="$1"; shift
    for _ in 1 2 3 4 5; do
        "$prepare"
        /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -n 1
    done | sort -n | sed -n 3p
}
{
    echo "scaffolder apply (Native AOT)=$(peak "$work/fresh-project.sh" $apply)"
    echo "scaffolder apply --check (Native AOT)=$(peak true $check)"
    echo "scaffolder apply (ReadyToRun, before)=$(peak "$work/fresh-project.sh" $apply_r2r)"
    echo "Native AOT hello world=$(peak true $hello)"
    echo "cookiecutter, same files=$(peak "$work/fresh-cookiecutter.sh" $cookiecutter)"
} > "$work/peak.txt"

python3 - "$work/results.json" "$work/peak.txt" <<'REPORT'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
peaks = dict(line.rstrip("\n").split("=", 1) for line in open(sys.argv[2]))
median = {name: r["median"] * 1000 for name, r in results.items()}
print(f"{'command':42} {'median':>9} {'min-max':>15} {'peak RSS':>10}")
for name, r in results.items():
    spread = f"{r['min'] * 1000:.1f}-{r['max'] * 1000:.1f} ms"
    print(f"{name:42} {median[name]:6.1f} ms {spread:>15} {int(peaks[name]) / 1024:6.1f} MiB")
hello, cookiecutter = median["Native AOT hello world"], median["cookiecutter, same files"]
for name in ("scaffolder apply (Native AOT)", "scaffolder apply --check (Native AOT)"):
    print(f"{name}: {median[name] / hello:.1f}x the Native AOT hello world (target: within 3x), "
          f"{median[name] / cookiecutter:.3f}x cookiecutter (target: at most 0.1x)")
REPORT
