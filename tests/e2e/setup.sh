#!/usr/bin/env bash
# Installs and prepares everything the end-to-end suite needs. Idempotent: a second run only checks.
#   - Debian packages on this machine: debootstrap, PostgreSQL, MariaDB
#   - the S3 and Azure Blob emulators (s3rver, azurite) from npm
#   - three Debian chroots with a real Django stack, cached outside the repository:
#       forky        Django 5.2, gunicorn, uvicorn, django-environ, WhiteNoise, django-storages, psycopg, mysqlclient, boto3, azure,
#                    and kustomize and kubectl, which build the Kubernetes overlay's folder as `kubectl apply -k` would
#       trixie       Django 4.2 with the same stack
#       forky-exp    forky with Django 6.1 from experimental
#   - in each chroot, /usr/local/bin/pip: a stand-in for pip, since no machine here reaches PyPI. A host's build
#     runs `pip install -r requirements.txt` as written; the stand-in installs nothing, and fails unless every
#     requirement names a distribution the chroot has (from Debian, whose versions differ from the pins).
#   - in each chroot, /usr/local/bin/uv and /usr/local/bin/poetry: stand-ins for the two managers, for the same reason.
#     `uv sync --locked` / `poetry install` / `poetry sync` install nothing, and fail unless the lock (uv.lock,
#     poetry.lock) locks every package pyproject.toml declares and each names a distribution the chroot has;
#     `uv lock` / `poetry lock` add to the lock each declared package it lacks, at its == pin, else at the chroot's
#     version (a relock against the chroot's packages, not PyPI).
# The cache folder is SCAFFOLDER_E2E_CACHE (default /var/cache/scaffolder-e2e); delete a chroot there to rebuild it.
set -euo pipefail

cache="${SCAFFOLDER_E2E_CACHE:-/var/cache/scaffolder-e2e}"
mirror="$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)"
mirror="${mirror:-http://deb.debian.org/debian}"
mkdir -p "$cache"

log() { printf '[setup] %s\n' "$*"; }

host_packages() {
    local missing=()
    command -v debootstrap >/dev/null || missing+=(debootstrap)
    [ -x /usr/lib/postgresql/*/bin/postgres ] 2>/dev/null || missing+=(postgresql)
    command -v mariadbd >/dev/null || command -v mysqld >/dev/null || [ -x /usr/sbin/mariadbd ] || missing+=(mariadb-server)
    command -v npm >/dev/null || missing+=(npm)
    if [ "${#missing[@]}" -gt 0 ]; then
        log "installing ${missing[*]}"
        apt-get update -q
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
    fi
}

emulators() {
    if [ ! -x "$cache/node/node_modules/.bin/s3rver" ] || [ ! -x "$cache/node/node_modules/.bin/azurite-blob" ]; then
        log "installing s3rver and azurite"
        mkdir -p "$cache/node"
        npm install --prefix "$cache/node" --no-audit --no-fund --loglevel=error s3rver@3.7.1 azurite@3.37.0
    fi
}

# chroot_stack NAME SUITE [EXTRA_SUITE]; with AZURE=1 in the environment, the Azure client and backend too; with
# KUSTOMIZE=1, kustomize and kubectl. A chroot built before a package was added here gets it on the next run.
chroot_stack() {
    local name="$1" suite="$2" extra="${3:-}" root="$cache/$1"
    # Hosts and images run `python`; Debian names it python3 unless python-is-python3 is installed.
    local packages=(python3-django gunicorn python3-django-environ python3-whitenoise python3-django-storages
        python3-psycopg python3-mysqldb python3-boto3 python3-uvicorn uvicorn libjs-jquery python-is-python3)
    [ "${AZURE:-0}" = 1 ] && packages+=(python3-azure)
    [ "${KUSTOMIZE:-0}" = 1 ] && packages+=(kustomize kubectl)
    local wanted="$suite $extra ${packages[*]}"
    [ -f "$root/.scaffolder-ready" ] && [ "$(cat "$root/.scaffolder-ready")" = "$wanted" ] && return 0

    if [ ! -f "$root/.scaffolder-bootstrapped" ]; then
        log "building the $name chroot (Debian $suite${extra:+ + $extra})"
        rm -rf "$root"
        # The host's debootstrap may lack a script for the newest suites; sid's works for them all.
        debootstrap --variant=minbase "$suite" "$root" "$mirror" /usr/share/debootstrap/scripts/sid >/dev/null
        {
            echo "deb $mirror $suite main"
            echo "deb-src $mirror $suite main"
            if [ -n "$extra" ]; then echo "deb $mirror $extra main"; fi
        } > "$root/etc/apt/sources.list"
        touch "$root/.scaffolder-bootstrapped"
    fi

    log "installing the Django stack in the $name chroot"
    chroot "$root" apt-get -o Acquire::Check-Valid-Until=false update -q >/dev/null
    # The S3 backend is packaged on its own in newer releases.
    if chroot "$root" apt-cache show python3-django-storages-s3 >/dev/null 2>&1; then packages+=(python3-django-storages-s3); fi
    chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${packages[@]}" >/dev/null
    if [ -n "$extra" ]; then
        chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends -t "$extra" python3-django >/dev/null
    fi
    if [ "${AZURE:-0}" = 1 ]; then azure_backend "$root"; fi
    chroot "$root" python3 -c "import django; print('[setup] $name: Django', django.get_version())"
    echo "$wanted" > "$root/.scaffolder-ready"
}

# Debian ships no django-storages Azure backend: take it from the same release's upstream source.
azure_backend() {
    local root="$1"
    local backends
    backends="$(chroot "$root" python3 -c 'import storages.backends, os; print(os.path.dirname(storages.backends.__file__))')"
    [ -f "$root$backends/azure_storage.py" ] && return 0
    # Only the upstream tarball is needed; the mirror may lack the Debian parts, so apt's exit status is not the judge.
    chroot "$root" sh -c 'mkdir -p /tmp/src && cd /tmp/src && apt-get source --download-only -q python-django-storages >/dev/null 2>&1' || true
    local tarball
    tarball="$(ls "$root"/tmp/src/python-django-storages_*.orig.tar.* 2>/dev/null | head -n 1)"
    if [ -z "$tarball" ]; then
        echo "[setup] could not download the django-storages source for the Azure backend" >&2
        return 1
    fi
    tar -xOf "$tarball" --wildcards '*/storages/backends/azure_storage.py' > "$root$backends/azure_storage.py"
    rm -rf "$root/tmp/src"
}

# pip_stand_in ROOT: see the header. Rewritten whenever this script's copy differs.
pip_stand_in() {
    local target="$1/usr/local/bin/pip"
    local script
    script="$(cat <<'PY'
#!/usr/bin/python3
"""pip for the end-to-end chroots: no PyPI here, so `pip install -r FILE` installs nothing and checks that every
requirement names a distribution this chroot has (from Debian: versions may differ from the pins)."""
import importlib.metadata, re, sys

def requirements(path):
    for line in open(path, encoding="utf-8"):
        line = line.split("#", 1)[0].strip()
        if line.startswith(("-r ", "--requirement ")):
            yield from requirements(line.split(None, 1)[1])
        elif line and not line.startswith("-"):
            yield line

args = sys.argv[1:]
if args[:1] != ["install"] or "-r" not in args:
    sys.exit("pip stand-in: only `pip install -r FILE` is supported here (no PyPI on this machine)")
missing = []
for requirement in requirements(args[args.index("-r") + 1]):
    name = re.match(r"[A-Za-z0-9._-]+", requirement).group(0)
    try:
        print(f"Requirement already satisfied: {requirement} (this chroot has {name} {importlib.metadata.version(name)})")
    except importlib.metadata.PackageNotFoundError:
        missing.append(requirement)
if missing:
    sys.exit("ERROR: No matching distribution found for " + ", ".join(missing))
PY
)"
    if [ ! -f "$target" ] || [ "$(cat "$target")" != "$script" ]; then
        printf '%s\n' "$script" > "$target"
        chmod 755 "$target"
    fi
}

# manager_stand_in ROOT: uv and poetry, see the header. Rewritten whenever this script's copy differs.
manager_stand_in() {
    local script
    script="$(cat <<'PY'
#!/usr/bin/python3
"""uv and poetry for the end-to-end chroots (see tests/e2e/setup.sh): no PyPI here, so an install installs nothing and
checks that the lock locks every declared package and that each names a distribution this chroot has; a lock adds what
the lock lacks at the chroot's versions."""
import importlib.metadata, os, re, sys, tomllib

tool = os.path.basename(sys.argv[0])
lock_file = {"uv": "uv.lock", "poetry": "poetry.lock"}[tool]
args = [arg for arg in sys.argv[1:] if not arg.startswith("-")]
command = args[0] if args else ""

def key(name):
    return re.sub(r"[-_.]+", "-", name).lower()

def declared():
    """Each declared package: its name, and the version it pins with == (or None)."""
    with open("pyproject.toml", "rb") as file:
        pyproject = tomllib.load(file)
    if "dependencies" in pyproject.get("project", {}):
        texts = pyproject["project"]["dependencies"]
    else:
        table = pyproject.get("tool", {}).get("poetry", {}).get("dependencies", {})
        texts = [name + (spec if isinstance(spec, str) else spec.get("version", "")) for name, spec in table.items() if name != "python"]
    packages = []
    for text in texts:
        name = re.match(r"\s*([A-Za-z0-9._-]+)", text).group(1)
        pin = re.search(r"==\s*([^\s,;)]+)", text)
        packages.append((name, pin.group(1) if pin else None))
    return packages

def locked():
    try:
        with open(lock_file, "rb") as file:
            return {key(package["name"]) for package in tomllib.load(file).get("package", [])}
    except FileNotFoundError:
        return set()

def version(name):
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None

packages = declared()
names = [name for name, _ in packages]
if command == "lock":
    have = locked()
    missing = [name for name in names if version(name) is None]
    if missing:
        sys.exit(f"{tool} stand-in: no solution: this chroot has no " + ", ".join(missing))
    with open(lock_file, "a", encoding="utf-8") as lock:
        for name, pin in packages:
            if key(name) not in have:
                # As a resolver would: the pinned version, else the chroot's (whose distribution stands in for it).
                locked_version = pin or version(name)
                lock.write(f'\n[[package]]\nname = "{key(name)}"\nversion = "{locked_version}"\n')
                print(f"Added {key(name)} v{locked_version}")
elif (tool, command) in {("uv", "sync"), ("poetry", "install"), ("poetry", "sync")}:
    have = locked()
    stale = [name for name in names if key(name) not in have]
    if stale:
        sys.exit(f"error: {lock_file} does not lock " + ", ".join(stale) + f"; run `{tool} lock`")
    absent = [name for name in names if version(name) is None]
    if absent:
        sys.exit("error: no matching distribution for " + ", ".join(absent))
    for name in names:
        print(f"{name}: locked, and this chroot has {version(name)}")
else:
    sys.exit(f"{tool} stand-in: only lock and install/sync are supported here (no PyPI on this machine)")
PY
)"
    local tool
    for tool in uv poetry; do
        local target="$1/usr/local/bin/$tool"
        if [ ! -f "$target" ] || [ "$(cat "$target")" != "$script" ]; then
            printf '%s\n' "$script" > "$target"
            chmod 755 "$target"
        fi
    done
}

host_packages
emulators
AZURE=1 KUSTOMIZE=1 chroot_stack forky forky
chroot_stack trixie trixie
chroot_stack forky-exp forky experimental
for name in forky trixie forky-exp; do pip_stand_in "$cache/$name"; manager_stand_in "$cache/$name"; done
log "ready in $cache"
