# Shared set-up steps for the scripts beside this file. Each step is idempotent and
# skips its work when nothing it depends on has changed since the last run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/.venv"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

python_ok() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; }

# Finds a Python >= 3.12: $PYTHON, then the usual names on PATH, then pyenv's installs.
find_python() {
    local candidate
    for candidate in ${PYTHON:-} python3.13 python3.12 python3 python; do
        if command -v "$candidate" >/dev/null && python_ok "$candidate"; then
            command -v "$candidate"; return
        fi
    done
    for candidate in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3 \
                     /usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9]; do
        if [ -x "$candidate" ] && python_ok "$candidate"; then echo "$candidate"; return; fi
    done
    cat >&2 <<'MSG'
Margin Academy needs Python 3.12 or newer, and none was found.
Install one (for example `apt-get install python3.12 python3.12-venv`, or `pyenv install 3.12`),
or point PYTHON at it: PYTHON=/path/to/python3.12 ./scripts/serve
MSG
    exit 1
}

# Installs a lock file's pinned, hash-checked packages into .venv when the lock changed.
ensure_venv() {
    local lock="requirements/$1.lock" stamp
    if [ ! -x "$VENV/bin/python" ] || ! python_ok "$VENV/bin/python"; then
        local python; python="$(find_python)"
        say "Creating .venv with $("$python" --version)"
        rm -rf "$VENV"; "$python" -m venv "$VENV"
    fi
    stamp="$VENV/.installed-$1-$(sha256sum "$lock" | cut -c1-16)"
    if [ ! -e "$stamp" ]; then
        say "Installing Python packages from $lock"
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
            --require-hashes --no-deps -r "$lock" 2> >(grep -v "^WARNING: Location" >&2)
        rm -f "$VENV"/.installed-"$1"-*; touch "$stamp"
    fi
}

ensure_node_modules() {
    command -v npm >/dev/null || apt_install nodejs npm
    local stamp="node_modules/.installed-$(sha256sum package-lock.json | cut -c1-16)"
    if [ ! -e "$stamp" ]; then
        say "Installing front-end packages from package-lock.json"
        npm ci --no-audit --no-fund --loglevel=error
        touch "$stamp"
    fi
}

apt_install() {
    if [ "$(id -u)" != 0 ]; then
        echo "Please install these Debian packages first: $*" >&2; exit 1
    fi
    say "Installing $* with apt-get"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_chromium() {
    [ -x /usr/bin/chromium ] || apt_install chromium fonts-dejavu-core
}

manage() { "$VENV/bin/python" manage.py "$@"; }

prepare_site() {
    ensure_venv "$1"
    ensure_node_modules
    manage migrate --noinput -v 0
    manage load_content
}
