#!/usr/bin/env bash
# The kk and ru catalogues must be complete: 0 untranslated, 0 fuzzy.
set -euo pipefail

cd "$(dirname "$0")/.."
status=0
for language in kk ru; do
    for catalogue in locale/"$language"/LC_MESSAGES/*.po; do
        if [ ! -f "$catalogue" ]; then
            echo "$language: no catalogue found" >&2
            status=1
            continue
        fi
        stats="$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$catalogue" 2>&1)"
        echo "$catalogue: $stats"
        if grep -Eq "untranslated|fuzzy" <<<"$stats"; then
            echo "  -> incomplete: translate every entry and remove fuzzy flags" >&2
            status=1
        fi
    done
done
exit "$status"
