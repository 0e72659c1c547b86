#!/usr/bin/env bash
# Start-up benchmark: the median wall time of a non-interactive `apply` by the installed tool on the bundled
# example project, beside a bare .NET hello world, with hyperfine (apt-get install hyperfine) over 10 runs.
# Usage: tests/benchmarks/startup.sh   (writes its work to a temporary folder, removed at the end)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
version="0.1.0-bench.$(date +%s)"

dotnet pack "$repo/src/Scaffolder" -c Release -o "$work/packages" -p:Version="$version" >/dev/null
dotnet tool install Scaffolder --version "$version" --tool-path "$work/tools" --add-source "$work/packages" >/dev/null
dotnet new console -o "$work/hello" >/dev/null
dotnet publish "$work/hello" -c Release -o "$work/hello/out" >/dev/null

cat > "$work/prepare.sh" <<PREPARE
#!/bin/sh
rm -rf "$work/project" && cp -r "$repo/tests/Scaffolder.Tests/Fixtures/django52" "$work/project"
PREPARE
chmod +x "$work/prepare.sh"

hyperfine -N --warmup 3 --runs 10 --prepare "$work/prepare.sh" --export-json "$work/results.json" \
    "$work/tools/scaffolder apply $work/project --host heroku --database postgres --storage whitenoise --yes" \
    "$work/hello/out/hello"
python3 - "$work/results.json" <<'REPORT'
import json, sys
for result in json.load(open(sys.argv[1]))["results"]:
    name = "scaffolder apply" if "scaffolder" in result["command"] else "hello world"
    print(f"{name}: median {result['median'] * 1000:.0f} ms")
REPORT
rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/scaffolder/$version"
