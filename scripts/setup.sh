#!/usr/bin/env bash
# One-time (and re-runnable) setup for a machine that has never seen the project:
#   - npm dependencies (the `node` package brings Node 22 to node_modules/.bin, which npm
#     scripts put first on PATH, so an older system Node is fine for running npm itself);
#   - Debian `chromium` (for browser tests), when missing and we may use apt-get;
#   - Debian `nginx` and `openssl` (the deployment test runs deploy/nginx/ in front of two instances);
#   - the local FerretDB binary (.cache/localdb) when there is no `mongod` and no MONGODB_URI;
#   - the strict iCalendar validator of the tests (tools/ical-validate: ical4j, built with Maven;
#     Debian `default-jdk-headless` and `maven` when missing).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

say() { printf '[setup] %s\n' "$*"; }
warn() { printf '[setup] WARNING: %s\n' "$*" >&2; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

# --- Node / npm -------------------------------------------------------------------------------
if command -v node >/dev/null 2>&1; then
  system_node="$(node --version)"
  case "$system_node" in
    v2[2-9].*|v[3-9][0-9].*) say "system node $system_node" ;;
    *) say "system node $system_node is older than 22; npm scripts will use Node 22 from node_modules/.bin" ;;
  esac
else
  say "no system node; npm scripts will use Node 22 from node_modules/.bin"
fi

# apt-get needs root (or password-less sudo).
if [ "$(id -u)" -eq 0 ]; then
  sudo_cmd=()
  apt_ok=true
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo_cmd=(sudo -n)
  apt_ok=true
else
  sudo_cmd=()
  apt_ok=false
fi
command -v apt-get >/dev/null 2>&1 || apt_ok=false
apt_updated=false
apt_install() {
  if [ "$apt_updated" = false ]; then
    ${sudo_cmd[@]+"${sudo_cmd[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get update -q
    apt_updated=true
  fi
  ${sudo_cmd[@]+"${sudo_cmd[@]}"} env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

if ! command -v npm >/dev/null 2>&1; then
  [ "$apt_ok" = true ] || die "npm is not installed and apt-get cannot be used here; install Node.js (any version with npm) first"
  say "installing Debian nodejs and npm (only to run npm; the project runs on Node 22 from node_modules)"
  apt_install nodejs npm
fi

# --- npm dependencies -------------------------------------------------------------------------
npm_flags=(--no-audit --no-fund)
npm_log="$(mktemp)"
trap 'rm -f "$npm_log"' EXIT

# npm ci, falling back to npm install only when npm refuses the lock file as "out of sync".
# That happens with the registry here: some optional platform packages (@swc/core-darwin-*,
# @unrs/resolver-binding-win32-*, ...) are missing at the locked versions, so npm leaves them
# out of package-lock.json and `npm ci` then reports them as "Missing: ... from lock file".
npm_clean_install() {
  local rc=0
  npm ci "${npm_flags[@]}" >"$npm_log" 2>&1 || rc=$?
  if [ "$rc" -eq 0 ]; then
    grep -v -e 'EBADENGINE' -e 'Unknown user config' "$npm_log" || true
    return 0
  fi
  if grep -q 'can only install packages when your package.json and package-lock.json' "$npm_log"; then
    warn "npm ci refused package-lock.json as out of sync ($(grep -c 'Missing:' "$npm_log") entries reported missing, e.g. $(grep -m1 -o 'Missing: [^ ]*' "$npm_log" || echo '?')); falling back to npm install"
    npm install "${npm_flags[@]}"
    return 0
  fi
  cat "$npm_log" >&2
  die "npm ci failed (exit $rc)"
}

if [ -f package-lock.json ]; then
  if [ -z "${FORCE_NPM_CI:-}" ] && [ -f node_modules/.package-lock.json ] \
    && [ node_modules/.package-lock.json -nt package-lock.json ] && [ node_modules/.package-lock.json -nt package.json ]; then
    say "node_modules is up to date with package-lock.json (FORCE_NPM_CI=1 to reinstall)"
  else
    say "npm ci (its output is shown when it finishes)"
    npm_clean_install
  fi
else
  say "no package-lock.json: npm install"
  npm install "${npm_flags[@]}"
fi

[ -x node_modules/.bin/node ] || die "node_modules/.bin/node is missing: the \`node\` npm package (Node 22) did not install"
project_node="$(node_modules/.bin/node --version)"
case "$project_node" in
  v22.*) say "project node $project_node (node_modules/.bin/node)" ;;
  *) die "node_modules/.bin/node is $project_node, expected v22.x" ;;
esac

# --- Chromium and fonts ------------------------------------------------------------------------
# fonts-liberation2: Liberation Serif 2 has the Vietnamese glyphs that stand in for Times New Roman
# in printed programmes (1.x lacks some, and Chromium would fall back to another font).
browser_pkgs=()
[ -x /usr/bin/chromium ] || browser_pkgs+=(chromium)
dpkg -s fonts-liberation2 >/dev/null 2>&1 || browser_pkgs+=(fonts-liberation2)
if [ ${#browser_pkgs[@]} -eq 0 ]; then
  say "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo present); fonts-liberation2 present"
elif [ "$apt_ok" = true ]; then
  say "installing Debian ${browser_pkgs[*]}"
  apt_install "${browser_pkgs[@]}"
else
  warn "missing ${browser_pkgs[*]} and apt-get cannot be used (not root, no password-less sudo); browser tests need them: apt-get install ${browser_pkgs[*]}"
fi

# --- nginx and openssl (the deployment test) ----------------------------------------------------
# test/chaos/deploy-nginx.test.ts runs deploy/nginx/lich-hop.conf in Debian's nginx (unprivileged,
# from a temporary prefix) with a self-signed certificate made by openssl. The nginx service that
# Debian's package would start is not needed (policy or no init system may keep it from starting).
proxy_pkgs=()
{ [ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1; } || proxy_pkgs+=(nginx)
command -v openssl >/dev/null 2>&1 || proxy_pkgs+=(openssl)
if [ ${#proxy_pkgs[@]} -eq 0 ]; then
  say "nginx: $( (/usr/sbin/nginx -v 2>&1 || nginx -v 2>&1) | head -1); openssl present"
elif [ "$apt_ok" = true ]; then
  say "installing Debian ${proxy_pkgs[*]} (for the deployment test)"
  # Keep dpkg from starting the nginx service (port 80 may be taken, or there is no init system):
  # a temporary policy-rc.d that denies service starts, removed again whatever happens.
  policy=/usr/sbin/policy-rc.d
  own_policy=false
  if [ ! -e "$policy" ] && [ "$(id -u)" -eq 0 ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && own_policy=true
  fi
  rc=0
  apt_install "${proxy_pkgs[@]}" || rc=$?
  if [ "$own_policy" = true ]; then rm -f "$policy"; fi
  [ "$rc" -eq 0 ] || die "apt-get install ${proxy_pkgs[*]} failed (exit $rc)"
else
  warn "missing ${proxy_pkgs[*]} and apt-get cannot be used; the deployment test needs them: apt-get install ${proxy_pkgs[*]}"
fi

# --- Strict iCalendar validator ------------------------------------------------------------------
# tools/ical-validate parses every feed variant the integration tests render with ical4j's
# CalendarBuilder and checks it with Calendar.validate() (test/integration/feeds-validate.test.ts).
# It needs a JDK and Maven; Maven downloads ical4j from Maven Central into ~/.m2 on the first build.
java_pkgs=()
{ command -v java >/dev/null 2>&1 && command -v javac >/dev/null 2>&1; } || java_pkgs+=(default-jdk-headless)
command -v mvn >/dev/null 2>&1 || java_pkgs+=(maven)
if [ ${#java_pkgs[@]} -gt 0 ]; then
  if [ "$apt_ok" = true ]; then
    say "installing Debian ${java_pkgs[*]} (for the strict iCalendar validator)"
    apt_install "${java_pkgs[@]}"
  else
    warn "missing ${java_pkgs[*]} and apt-get cannot be used (not root, no password-less sudo)"
  fi
fi
validator_jar=tools/ical-validate/target/ical-validate.jar
if command -v mvn >/dev/null 2>&1 && command -v javac >/dev/null 2>&1; then
  if [ -f "$validator_jar" ] && [ -z "$(find tools/ical-validate/pom.xml tools/ical-validate/src -newer "$validator_jar" -print -quit)" ]; then
    say "ical-validate: $validator_jar is up to date"
  else
    say "building tools/ical-validate (ical4j from Maven Central)"
    mvn -q -B -Dstyle.color=never -f tools/ical-validate/pom.xml package || die "the strict iCalendar validator did not build (mvn -f tools/ical-validate/pom.xml package)"
    say "ical-validate: built $validator_jar"
  fi
else
  warn "################################################################################"
  warn "NO JAVA: the strict iCalendar validator (tools/ical-validate) cannot be built."
  warn "The feed validation test will be SKIPPED. Install a JDK and Maven"
  warn "(apt-get install default-jdk-headless maven) and run this script again."
  warn "################################################################################"
fi

# --- Local database -----------------------------------------------------------------------------
if [ -n "${MONGODB_URI:-}" ]; then
  say "MONGODB_URI is set: no local database needed"
elif command -v mongod >/dev/null 2>&1; then
  say "mongod found at $(command -v mongod): no FerretDB build needed"
else
  node_modules/.bin/node scripts/build-localdb.js
fi

say "done"
