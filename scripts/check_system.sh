#!/usr/bin/env bash
# Checks the Debian/Ubuntu packages the portal needs and, if one is missing,
# prints the exact apt-get line to install them, then fails without changing
# anything. Usage: scripts/check_system.sh run|test
set -euo pipefail

mode="${1:-run}"
python="${PYTHON:-python3.11}"

# WeasyPrint needs pango and harfbuzz-subset; compilemessages needs gettext;
# PDFs are set in DejaVu Sans.
packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 gettext fonts-dejavu-core)
if [ "$mode" = "test" ]; then
    # pdftotext reads generated PDFs back; Debian's Chromium drives the browser tests;
    # pg_dump/pg_restore prove that a backup restores.
    packages+=(poppler-utils chromium postgresql-client)
fi

if ! command -v "$python" >/dev/null 2>&1; then
    echo "Python 3.11 ($python) was not found. Install it first:" >&2
    echo "    sudo apt-get install -y python3.11 python3.11-venv" >&2
    exit 1
fi
if ! "$python" -c "import ensurepip, venv" >/dev/null 2>&1; then
    echo "The Python venv module is missing. Install it first:" >&2
    echo "    sudo apt-get install -y python3.11-venv" >&2
    exit 1
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "note: not a Debian/Ubuntu system; make sure these are installed: ${packages[*]}" >&2
    exit 0
fi

missing=()
for package in "${packages[@]}"; do
    status="$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)"
    if [ "$status" != "install ok installed" ]; then
        # Ubuntu names Debian's chromium package chromium-browser.
        if [ "$package" = "chromium" ] && command -v chromium >/dev/null 2>&1; then
            continue
        fi
        missing+=("$package")
    fi
done

if [ "${#missing[@]}" -gt 0 ]; then
    echo "Missing system packages: ${missing[*]}" >&2
    echo "Install them with:" >&2
    echo "    sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi
echo "System packages: OK (${packages[*]})"
