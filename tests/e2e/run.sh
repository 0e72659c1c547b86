#!/usr/bin/env bash
# The end-to-end suite in one command: prepares this machine (setup.sh: Debian packages, emulators, Django
# chroots; idempotent), builds the tool, and proves every scenario on real Django, real databases, real
# object stores and real web servers. It prints one line per scenario and ends with "N passed, N failed".
# Usage: tests/e2e/run.sh [--filter TEXT]     (TEXT picks scenarios by name, e.g. --filter forky-docker)
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"

"$repo/tests/e2e/setup.sh"
# No build server is left running after the builds: the run ends with nothing it started still alive.
dotnet build "$repo/src/Scaffolder" -c Release -nologo -v quiet -clp:NoSummary --disable-build-servers
dotnet build "$repo/tests/Scaffolder.EndToEnd" -c Release -nologo -v quiet -clp:NoSummary --disable-build-servers
dotnet "$repo/tests/Scaffolder.EndToEnd/bin/Release/net10.0/Scaffolder.EndToEnd.dll" \
    --tool "$repo/src/Scaffolder/bin/Release/net10.0/scaffolder" \
    --fixtures "$repo/tests/Scaffolder.Tests/Fixtures" "$@"
