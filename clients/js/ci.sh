#!/usr/bin/env bash
# CI for clients/js: the TypeScript client (@pollfeed/client, its React and Vue adapters), the demo page's and the
# example apps' (examples/react, examples/vue) browser tests.
#
# The caller (.ci/run) builds the server jar with `./mvnw package -Pserver`, starts PostgreSQL and passes
#   POLLFEED_SERVER_JAR                 path to target/quarkus-app/quarkus-run.jar
#   QUARKUS_DATASOURCE_REACTIVE_URL     postgresql://localhost:5432/DB
#   QUARKUS_DATASOURCE_JDBC_URL         jdbc:postgresql://localhost:5432/DB
#   QUARKUS_DATASOURCE_USERNAME / _PASSWORD
# The tests start the jar themselves, on free ports, in its production profile with an admin key and a JWT secret
# of their own (test/helpers/server.mjs). Works as root, with CI=true and no standard input; installs what it needs
# (npm ci; Debian's chromium if missing); exits non-zero if anything fails.
set -euo pipefail
SECONDS=0
step() { printf '\n==> [clients/js %4ds] %s\n' "$SECONDS" "$*"; }

missing=()
for name in POLLFEED_SERVER_JAR QUARKUS_DATASOURCE_REACTIVE_URL QUARKUS_DATASOURCE_JDBC_URL \
    QUARKUS_DATASOURCE_USERNAME QUARKUS_DATASOURCE_PASSWORD; do
  [[ -n "${!name:-}" ]] || missing+=("$name")
done
if ((${#missing[@]})); then
  echo "clients/js/ci.sh needs these variables: ${missing[*]}" >&2
  exit 2
fi
[[ -f "$POLLFEED_SERVER_JAR" ]] || { echo "POLLFEED_SERVER_JAR=$POLLFEED_SERVER_JAR: no such file" >&2; exit 2; }
POLLFEED_SERVER_JAR=$(readlink -f "$POLLFEED_SERVER_JAR")
export POLLFEED_SERVER_JAR
cd "$(dirname "$0")"

step "Tools"
if [[ ! -x /usr/bin/chromium ]]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
echo "node $(node --version), npm $(npm --version), $(/usr/lib/chromium/chromium --version 2>/dev/null || echo chromium)"

step "npm ci"
npm ci --no-audit --no-fund --loglevel=error </dev/null

step "Build (tsc, strict), check the committed demo bundle against the sources, type-check the API usage, sizes"
npm run -s build
npm run -s check:demo
npm run -s check:types
npm run -s sizes

mkdir -p test-results
failed=()
suite() {
  local name=$1 script=$2
  step "Tests: $name (npm run $script)"
  if ! npm run -s "$script" </dev/null 2>&1 | tee "test-results/$name.log"; then
    failed+=("$name")
  fi
}
suite unit test
suite integration test:integration
suite browser test:browser

step "Summary"
for name in unit integration browser; do
  printf '%-12s %s\n' "$name" \
    "$(grep -E '^ℹ (tests|pass|fail|skipped|duration_ms) ' "test-results/$name.log" | sed 's/^ℹ //' | paste -sd ' ' -)"
done
echo "screenshots: clients/js/test-results/demo.png, example-react.png, example-vue.png; clients/js CI took ${SECONDS} s"
if ((${#failed[@]})); then
  echo "FAILED: ${failed[*]}" >&2
  exit 1
fi
