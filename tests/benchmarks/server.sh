#!/usr/bin/env bash
# Server benchmark: deploys the default overlay (Docker, PostgreSQL, WhiteNoise; gunicorn, then uvicorn) on real
# Django and a real database with the end-to-end machinery, then measures requests per second of the generated
# server (the image's own CMD, no WEB_CONCURRENCY) against `manage.py runserver` on the same deployment, settings
# and environment, as it starts by default and with --noreload (its fastest): the admin login page and an admin
# stylesheet, wrk over loopback, 3 rounds of 10 s per server and page. Prints one line per server and round, then
# the medians and ratios.
# It starts the end-to-end suite's servers on their fixed ports, so run it under the suite's lock:
#   flock /tmp/e2e.lock tests/benchmarks/server.sh
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"

command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q --no-install-recommends wrk; }
"$repo/tests/e2e/setup.sh"
dotnet build "$repo/src/Scaffolder" -c Release -nologo -v quiet -clp:NoSummary --disable-build-servers
dotnet build "$repo/tests/Scaffolder.EndToEnd" -c Release -nologo -v quiet -clp:NoSummary --disable-build-servers
dotnet "$repo/tests/Scaffolder.EndToEnd/bin/Release/net10.0/Scaffolder.EndToEnd.dll" \
    --tool "$repo/src/Scaffolder/bin/Release/net10.0/scaffolder" \
    --fixtures "$repo/tests/Scaffolder.Tests/Fixtures" --benchmark-servers "$@"
