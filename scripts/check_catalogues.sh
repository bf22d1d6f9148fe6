#!/usr/bin/env bash
# The kk and ru catalogues must be complete: 0 untranslated, 0 fuzzy; and no people-facing
# string cites a paragraph with «§» (in kk and ru it means a *параграф*): «19-т.» / «п. 19».
#   scripts/check_catalogues.sh            checks locale/ as committed
#   scripts/check_catalogues.sh --fresh    also re-extracts the strings (makemessages on a
#                                          scratch copy of the tree) so a string added to the
#                                          code but not to the catalogues is caught too
set -euo pipefail

cd "$(dirname "$0")/.."
python="${PYTHON_BIN:-.venv/bin/python}"
python="$(cd "$(dirname "$python")" && pwd)/$(basename "$python")"  # absolute: used from the scratch copy
root="$PWD"

if [ "${1:-}" = "--fresh" ]; then
    scratch="$(mktemp -d)"
    trap 'rm -rf "$scratch"' EXIT
    tar -c --exclude=./.venv --exclude=./var --exclude=./.git --exclude=./test-artifacts \
        --exclude=./node_modules --exclude='*.mo' . | tar -x -C "$scratch"
    (cd "$scratch" && env -u DATABASE_URL "$python" manage.py makemessages -l kk -l ru --no-obsolete \
        --ignore=.venv --ignore=var --ignore=test-artifacts --ignore=node_modules -v 0)
    root="$scratch"
fi

status=0
for language in kk ru; do
    for catalogue in "$root"/locale/"$language"/LC_MESSAGES/*.po; do
        name="locale/$language/LC_MESSAGES/$(basename "$catalogue")"
        if [ ! -f "$catalogue" ]; then
            echo "$language: no catalogue found" >&2
            status=1
            continue
        fi
        stats="$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$catalogue" 2>&1)"
        echo "$name${1:+ (re-extracted)}: $stats"
        if grep -Eq "untranslated|fuzzy" <<<"$stats"; then
            echo "  -> incomplete: run 'make messages', translate every entry, remove fuzzy flags" >&2
            status=1
        fi
        section="$(msggrep --msgstr -F -e '§' "$catalogue" | grep -c '^msgid ' || true)"
        if [ "$section" -gt 1 ]; then  # the header entry is always printed
            echo "$name: $((section - 1)) translation(s) with «§»; cite «19-т.» (kk) / «п. 19» (ru):" >&2
            msggrep --msgstr -F -e '§' "$catalogue" | grep -A1 '^msgstr' | grep '§' | head -5 >&2
            status=1
        fi
    done
done
exit "$status"
