#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what the tests need, builds, runs every
# test project, and ends with one plain line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"

# The cluster tests start their own redis-server (loopback, temp dir); install it when missing.
if ! command -v redis-server >/dev/null 2>&1; then
  echo "installing redis-server for the cluster tests"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server; } >/dev/null 2>&1 || echo "could not install redis-server: the cluster tests will fail and say so"
fi

# The deploy tests render deploy/k8s with `kubectl kustomize`; Debian ships kubectl in kubernetes-client.
if ! command -v kubectl >/dev/null 2>&1; then
  echo "installing kubectl for the deploy tests"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kubernetes-client >/dev/null; }; then
    echo "could not install kubectl: the deploy tests will fail and say so"
  fi
fi

results=TestResults
rm -rf "$results"

# The browser tests drive Debian's Chromium through Playwright (never a browser download).
if ! command -v chromium >/dev/null 2>&1; then
  echo "installing chromium for the browser tests"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }; then
    echo "could not install chromium: the browser tests will fail and say so"
  fi
fi

if ! dotnet build DataSelection.sln -c Release -warnaserror 2>&1 | tail -n 3; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# --blame names the test that was running if a test host dies (an abort leaves no failed result in the trx).
mkdir -p "$results"
log="$results/dotnet-test.log"
dotnet test DataSelection.sln -c Release --no-build --blame \
  --logger "trx" --logger "console;verbosity=normal" \
  --results-directory "$results" 2>&1 | tee "$log" | grep -vE '^\s+Passed '
status=${PIPESTATUS[0]}

passed=0
failed=0
skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  project=$(grep -o 'storage="[^"]*"' "$trx" | head -n 1 | sed 's#.*/\([^/]*\)\.dll"#\1#')
  echo "${project:-$trx}: ${p:-0} passed, ${f:-0} failed, $(( ${t:-0} - ${e:-0} )) not run"
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  skipped=$((skipped + ${t:-0} - ${e:-0}))
done
# Name each failed test with the head of its message, so the last lines of a CI log say what broke.
if [ "$failed" -gt 0 ]; then
  perl -0777 -ne '
    while (/<UnitTestResult\b([^>]*[^\/>])>(.*?)<\/UnitTestResult>/sg) {
      my ($attrs, $body) = ($1, $2);
      next unless $attrs =~ /outcome="Failed"/;
      my ($name) = $attrs =~ /testName="([^"]*)"/;
      my ($message) = $body =~ /<Message>(.*?)<\/Message>/s;
      my ($trace) = $body =~ /<StackTrace>(.*?)<\/StackTrace>/s;
      for ($name, $message, $trace) { $_ //= ""; s/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&apos;/\x27/g; s/&#xD;//g; s/&#xA;/\n/g; s/&amp;/&/g; }
      my @lines = (split(/\n/, $message))[0 .. 11];
      my @frames = grep { /DataSelection/ } split(/\n/, $trace);
      print "FAILED $name\n";
      print "  $_\n" for grep { defined } @lines;
      print "  $_\n" for @frames[0 .. ($#frames < 3 ? $#frames : 3)];
    }' "$results"/*.trx
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # No test failed, yet the run did: a test host crashed or a run was aborted. Say where, here at the end.
  echo "dotnet test exited with $status but no test result failed; what the runner said:"
  grep -nE -i -A12 'aborted|crashed|running when|exited with error|Cleanup Failure|\[FATAL' "$log" | grep -vE '^[0-9]+-\s+Passed ' | head -n 80
  failed=1
fi
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
  echo "no test ran"
  failed=1
fi
echo "$skipped skipped"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
