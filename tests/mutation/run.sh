#!/usr/bin/env bash
# The mutation score of Scaffolder.Core: dotnet-stryker changes the code one mutant at a time (a flipped condition,
# a removed statement, another constant) and runs the unit tests that cover it against each; a mutant no test
# notices "survives". On demand only: it takes far longer than CI's budget.
#
# Usage: tests/mutation/run.sh [PART...] [-- any other dotnet-stryker option]
#   No PART: one run over all of Scaffolder.Core (part "All"). A PART is a folder of src/Scaffolder.Core (Answers,
#   Catalog, Dependencies, Detection, Merging, Ownership, Planning, Rendering), Root (the files beside them) or a file there
#   (Planning/PlanWriter.cs): each a run of its own, to re-run after its tests change; the summary adds up the parts.
#   A part runs against its own test classes (tests/mutation/tests-per-part.txt) unless the options name a filter.
# Settings: tests/mutation/stryker-config.json (coverage per test; the installed-tool tests are left out, since
# the package they install is built from the unmutated sources). MUTATION_CONCURRENCY (default 2) test runners.
# Reports: tests/Scaffolder.Tests/StrykerOutput/PART/reports/mutation-report.{html,json} (not in git);
# tests/mutation/summary.py prints the score and the survivors from them.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
tools="${SCAFFOLDER_TOOLS:-/var/cache/scaffolder-tools}/stryker"
version=5.1.0
# Every folder of the sources is a part (a folder added later is one too), besides All and Root.
all_parts=(All Root)
for folder in "$repo"/src/Scaffolder.Core/*/; do
    case "$(basename "$folder")" in bin|obj) ;; *) all_parts+=("$(basename "$folder")") ;; esac
done

parts=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    case " ${all_parts[*]} " in
        *" $1 "*) parts+=("$1") ;;
        *) if [ -f "$repo/src/Scaffolder.Core/$1" ]; then parts+=("$1"); else
               echo "unknown part '$1': name one of ${all_parts[*]} or a file of src/Scaffolder.Core" >&2; exit 2
           fi ;;
    esac
    shift
done
[ "${1:-}" = "--" ] && shift
[ ${#parts[@]} -eq 0 ] && parts=(All)

if [ ! -x "$tools/dotnet-stryker" ]; then
    dotnet tool install dotnet-stryker --version "$version" --tool-path "$tools"
fi

# The tests as a Microsoft.Testing.Platform application (see Scaffolder.Tests.csproj), for dotnet-stryker's mtp runner;
# the next plain dotnet test restores and builds them for VSTest again.
export ScaffolderTestRunner=mtp
output="$repo/tests/Scaffolder.Tests/StrykerOutput"
cd "$repo/tests/Scaffolder.Tests"
for part in "${parts[@]}"; do
    case "$part" in
        All) glob='**/*.cs' ;;
        Root) glob='**/Scaffolder.Core/*.cs' ;;
        *.cs) glob="**/Scaffolder.Core/$part" ;;
        *) glob="**/Scaffolder.Core/$part/**/*.cs" ;;
    esac
    # The part's own test classes (tests-per-part.txt; a file's are its folder's), unless the options name a filter.
    filter=()
    case " $* " in
        *" --test-case-filter "*) ;;
        *) classes="$(awk -v part="${part%%/*}" '$1 == part { $1 = ""; print }' "$repo/tests/mutation/tests-per-part.txt")"
           if [ -n "$classes" ]; then
               filter=(--test-case-filter "$(printf 'FullyQualifiedName~Scaffolder.Tests.%s|' $classes | sed 's/|$//')")
           fi ;;
    esac
    echo "== $part: $glob ${filter[*]}"
    rm -rf "${output:?}/${part//\//-}"
    nice -n 10 "$tools/dotnet-stryker" \
        --config-file "$repo/tests/mutation/stryker-config.json" \
        --concurrency "${MUTATION_CONCURRENCY:-2}" \
        --mutate "$glob" \
        --output "$output/${part//\//-}" \
        --skip-version-check \
        "${filter[@]}" "$@"
done

python3 "$repo/tests/mutation/summary.py" "$output" "${parts[@]//\//-}"
