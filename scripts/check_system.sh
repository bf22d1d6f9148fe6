#!/usr/bin/env bash
# Makes sure the Debian/Ubuntu packages of scripts/system-packages.txt that a mode
# needs are installed. As root, or with password-less sudo, it installs the missing
# ones itself (apt-get); otherwise it prints the exact apt-get line and fails without
# changing anything.
# Usage: scripts/check_system.sh run|test|ci|bench
set -euo pipefail

cd "$(dirname "$0")/.."
mode="${1:-run}"
python="${PYTHON:-python3.11}"

if ! command -v "$python" >/dev/null 2>&1; then
    echo "Python 3.11 ($python) was not found. Install it first:" >&2
    echo "    sudo apt-get install -y python3.11 python3.11-venv" >&2
    exit 1
fi

case "$mode" in
    run) wanted="run" ;;
    test) wanted="run test" ;;
    ci) wanted="run test ci" ;;
    bench) wanted="run test bench" ;;
    *) echo "usage: $0 run|test|ci|bench" >&2; exit 2 ;;
esac

required=()
recommended=()
while read -r package needed _; do
    case "$package" in ""|\#*) continue ;; esac
    if [ "$needed" = "recommended" ]; then
        recommended+=("$package")
    elif [[ " $wanted " == *" $needed "* ]]; then
        required+=("$package")
    fi
done < scripts/system-packages.txt

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "note: not a Debian/Ubuntu system; make sure these are installed: ${required[*]}" >&2
    exit 0
fi

installed() {
    [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ] && return 0
    # Ubuntu names Debian's chromium package chromium-browser (a snap).
    [ "$1" = "chromium" ] && command -v chromium >/dev/null 2>&1
}

missing=()
for package in "${required[@]}"; do installed "$package" || missing+=("$package"); done
if ! "$python" -c "import ensurepip, venv" >/dev/null 2>&1; then
    missing+=("python3.11-venv")
fi
if [ "${#missing[@]}" -eq 0 ]; then
    echo "System packages: OK (${required[*]})"
    exit 0
fi

sudo_cmd=()
if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo_cmd=(sudo -n)
    else
        echo "Missing system packages: ${missing[*]}" >&2
        echo "Install them with (then run make again):" >&2
        echo "    sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
fi

extra=()
for package in "${recommended[@]}"; do installed "$package" || extra+=("$package"); done
echo "== installing system packages: ${missing[*]} ${extra[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
if [ "${#extra[@]}" -gt 0 ]; then
    "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${extra[@]}" >/dev/null \
        || echo "note: could not install ${extra[*]} (optional)" >&2
fi
echo "System packages: OK (${required[*]})"
