#!/usr/bin/env bash
# Regenerates the figures table of docs/SECURITY.md: builds, runs every test tagged
# Category=Security (each records what it counted through tests/Shared/SecurityFigures.cs),
# sums the lines "figure count area" they wrote, prints the totals and rewrites the table
# between <!-- figures:start --> and <!-- figures:end -->.
# Exits non-zero if a test failed, or if any 5xx was seen or any acknowledged write was lost.
set -uo pipefail
cd "$(dirname "$0")/.."

figures_dir="$PWD/artifacts/security-figures"
doc=docs/SECURITY.md
command='scripts/security-figures.sh'

rm -rf "$figures_dir"
mkdir -p "$figures_dir"

dotnet build DataSelection.sln -c Release || { echo "build failed" >&2; exit 2; }
DATASELECTION_FIGURES_DIR="$figures_dir" dotnet test DataSelection.sln -c Release --no-build --filter "Category=Security"
tests_rc=$?

# One total per figure (a UTF-8 byte-order mark at the start of a file is ignored).
total() {
  cat "$figures_dir"/*.txt 2>/dev/null | sed 's/^\xEF\xBB\xBF//' |
    awk -v figure="$1" '$1 == figure { sum += $2 } END { printf "%d", sum }'
}
routes=$(total routes_actors_checked)
fuzz=$(total fuzz_cases)
faults=$(total faults_injected)
errors=$(total server_errors)
lost=$(total acknowledged_writes_lost)
today=$(date -u +%Y-%m-%d)

table=$(cat <<TABLE
| figure | value |
| --- | --- |
| routes × actors checked (HTTP routes and hub methods) | $routes |
| fuzz cases run | $fuzz |
| faults injected | $faults |
| 5xx responses seen (must be 0) | $errors |
| acknowledged writes lost (must be 0) | $lost |

Measured $today with \`$command\` (tests: \`dotnet test DataSelection.sln -c Release --filter "Category=Security"\`; exit code $tests_rc).
TABLE
)

echo "$table"

if grep -q '<!-- figures:start -->' "$doc" && grep -q '<!-- figures:end -->' "$doc"; then
  table_file=$(mktemp)
  printf '%s\n' "$table" > "$table_file"
  awk -v table_file="$table_file" '
    /<!-- figures:start -->/ { print; while ((getline line < table_file) > 0) print line; skipping = 1; next }
    /<!-- figures:end -->/ { skipping = 0 }
    !skipping { print }
  ' "$doc" > "$doc.tmp" && mv "$doc.tmp" "$doc"
  rm -f "$table_file"
  echo "updated $doc"
else
  echo "no figures markers in $doc: table not written" >&2
  exit 2
fi

if [ "$tests_rc" -ne 0 ]; then
  echo "security tests failed (exit $tests_rc)" >&2
  exit 1
fi
if [ "$errors" -ne 0 ] || [ "$lost" -ne 0 ]; then
  echo "server errors: $errors, acknowledged writes lost: $lost — both must be 0" >&2
  exit 1
fi
