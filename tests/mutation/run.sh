#!/usr/bin/env bash
# The mutation score of Scaffolder.Core: dotnet-stryker changes the code one mutant at a time (a flipped condition,
# a removed statement, another constant) and runs the unit tests against each; a mutant the tests do not notice
# "survives". On demand only: a full run takes far longer than CI's budget. The report lands in
# tests/Scaffolder.Tests/StrykerOutput/<date>/reports/ (mutation-report.html and .json).
# Usage: tests/mutation/run.sh [--concurrency N] [any other dotnet-stryker option, e.g. --mutate '**/Planning/*.cs']
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
tools="${SCAFFOLDER_TOOLS:-/var/cache/scaffolder-tools}/stryker"
version=5.1.0

if [ ! -x "$tools/dotnet-stryker" ]; then
    dotnet tool install dotnet-stryker --version "$version" --tool-path "$tools"
fi

cd "$repo/tests/Scaffolder.Tests"
exec "$tools/dotnet-stryker" \
    --project Scaffolder.Core.csproj \
    --test-project Scaffolder.Tests.csproj \
    --reporter html --reporter json --reporter progress --reporter cleartext \
    "$@"
