#!/usr/bin/env bash
# Runs the extension-host tests inside a real VS Code: code-server (the VS Code server and web workbench, from
# npm) opened by Debian's Chromium through playwright-core. Nothing comes from Microsoft's update servers.
# Everything it installs goes under .e2e/ (git-ignored), never into the extension's dependencies.
#
# Usage: bash test/vscode/run.sh [TESTS_ENTRY.js]      (default: dist-test/exthost.js; build it first)
#   The entry exports run(): Promise<void>, the contract of @vscode/test-electron's extensionTestsPath.
#        bash test/vscode/run.sh --ui                   Playwright UI tests (test/ui/) on a fixture library
#        bash test/vscode/run.sh --vsix FILE.vsix       installs the package into code-server, then the UI
#                                                       smoke test runs against the installed copy
#        bash test/vscode/run.sh --untrusted [ENTRY.js] only the Restricted Mode pass (default dist-test/untrusted.js)
#   With no argument both extension-host passes run, one code-server each: the suite in a trusted workspace,
#   then dist-test/untrusted.js with workspace trust on and the folder not trusted (Restricted Mode).
# Environment:
#   CS_VERSION    code-server version (default 4.100.3 = VS Code 1.100.3, the newest that runs on Node 20;
#                 a version that wants another Node major gets that Node from the npm package `node`)
#   E2E_ROOT      install folder (default <repo>/.e2e)
#   E2E_TIMEOUT   seconds to wait for the tests to finish (default 180)
#   E2E_SHOT_DIR  where screenshots go (default <repo>/test-results/vscode): end.png when the run ends, and
#                 one per screenshot() call in the tests, taken while the extension host is still alive
#   E2E_VERBOSE=1 print every browser console message, not only the extension host's
set -euo pipefail

REPO="$(cd "$(dirname "$0")/../.." && pwd)"
HARNESS="$REPO/test/vscode"
CS_VERSION="${CS_VERSION:-4.100.3}"
ROOT="${E2E_ROOT:-$REPO/.e2e}"
mkdir -p "$ROOT" && ROOT="$(cd "$ROOT" && pwd)"
MODE=exthost VSIX="" TESTS="" UNTRUSTED_TESTS=""
case "${1:-}" in
  --ui) MODE=ui ;;
  --vsix) MODE=vsix; VSIX="$(realpath "${2:?--vsix needs the .vsix file}")" ;;
  --untrusted) UNTRUSTED_TESTS="$(realpath "${2:-$REPO/dist-test/untrusted.js}")" ;;
  "") TESTS="$(realpath "$REPO/dist-test/exthost.js")"; UNTRUSTED_TESTS="$(realpath "$REPO/dist-test/untrusted.js")" ;;
  *) TESTS="$(realpath "$1")" ;;
esac
export E2E_SHOT_DIR="${E2E_SHOT_DIR:-$REPO/test-results/vscode}"
export E2E_TIMEOUT="${E2E_TIMEOUT:-180}"

say() { echo "[vscode-tests $(date +%T)] $*"; }
fail() { echo "[vscode-tests] error: $*" >&2; exit 1; }

for entry in "$TESTS" "$UNTRUSTED_TESTS"; do [ -z "$entry" ] || [ -f "$entry" ] || fail "no test entry at $entry (run: node test/vscode/build.mjs)"; done
[ "$MODE" != vsix ] || [ -f "$VSIX" ] || fail "no package at $VSIX (run: npm run package)"
[ -f "$REPO/dist/extension.js" ] || fail "no extension bundle at dist/extension.js (run: npm run build)"

# code-server and chromium write config, caches and crash reports under these; keep them inside .e2e/
mkdir -p "$ROOT/tmp" "$ROOT/xdg"
export TMPDIR="$ROOT/tmp" XDG_CONFIG_HOME="$ROOT/xdg/config" XDG_DATA_HOME="$ROOT/xdg/data" XDG_CACHE_HOME="$ROOT/xdg/cache"

# One install at a time, even when two runs start together.
exec 9>"$ROOT/install.lock"
flock 9

# --- 1. Debian packages -------------------------------------------------------------------------------------
# chromium opens the workbench; libkrb5-dev has gssapi.h for code-server's `kerberos` native module;
# ripgrep stands in for the binary @vscode/ripgrep would otherwise download from GitHub.
missing=()
command -v chromium >/dev/null || missing+=(chromium)
[ -f /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
command -v rg >/dev/null || missing+=(ripgrep)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=(); [ "$(id -u)" = 0 ] || SUDO=(sudo)
  say "apt-get install ${missing[*]}"
  "${SUDO[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- 2. the Node major this code-server asks for ------------------------------------------------------------
CS_PKG="$ROOT/cs/node_modules/code-server"
CS_ENTRY="$CS_PKG/out/node/entry.js"
installed_version() { [ -f "$CS_PKG/package.json" ] && node -p "require('$CS_PKG/package.json').version" 2>/dev/null || true; }
if [ "$(installed_version)" = "$CS_VERSION" ]; then
  WANT_NODE="$(node -p "require('$CS_PKG/package.json').engines.node" | tr -dc '0-9')"
else
  WANT_NODE="$(npm view "code-server@$CS_VERSION" engines.node | tr -dc '0-9')"
fi
[ -n "$WANT_NODE" ] || fail "cannot tell which Node code-server@$CS_VERSION needs"
NODE_BIN="$(command -v node)"
if [ "$WANT_NODE" != "$(node -p 'process.versions.node.split(".")[0]')" ]; then
  ALT="$ROOT/node$WANT_NODE"
  if ! [ -x "$ALT/node_modules/node/bin/node" ]; then
    say "npm install node@$WANT_NODE (the npm package ships the binary and its headers)"
    mkdir -p "$ALT" && echo '{"private":true}' > "$ALT/package.json"
    (cd "$ALT" && npm install --no-audit --no-fund --loglevel=error "node@$WANT_NODE" >/dev/null)
  fi
  NODE_BIN="$(realpath "$ALT/node_modules/node/bin/node")"
  headers="$(find "$ALT/node_modules" -path '*/include/node/node.h' -print -quit)"
  # node-gyp must compile code-server's native modules against the Node that will load them
  export PATH="$(dirname "$NODE_BIN"):$PATH" npm_config_nodedir="$(dirname "$(dirname "$(dirname "$headers")")")"
fi

# --- 3. code-server -----------------------------------------------------------------------------------------
if [ "$(installed_version)" != "$CS_VERSION" ] || ! "$NODE_BIN" "$CS_ENTRY" --version >/dev/null 2>&1; then
  say "installing code-server@$CS_VERSION with node $("$NODE_BIN" --version) (log: $ROOT/cs-install.log)"
  rm -rf "$ROOT/cs" && mkdir -p "$ROOT/cs" && echo '{"private":true}' > "$ROOT/cs/package.json"
  npm pack "code-server@$CS_VERSION" --pack-destination "$ROOT/tmp" --loglevel=error >/dev/null
  # Older @vscode/ripgrep postinstalls download rg from GitHub; they look in a cache folder first, so put
  # Debian's rg there under the archive name they expect.
  RG_PKG="$(tar xzOf "$ROOT/tmp/code-server-$CS_VERSION.tgz" package/lib/vscode/npm-shrinkwrap.json \
    | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const p=JSON.parse(s).packages["node_modules/@vscode/ripgrep"];process.stdout.write(p?p.version:"")})')"
  if [ -n "$RG_PKG" ]; then
    npm pack "@vscode/ripgrep@$RG_PKG" --pack-destination "$ROOT/tmp" --loglevel=error >/dev/null
    RG_TAG="$(tar xzOf "$ROOT/tmp/vscode-ripgrep-$RG_PKG.tgz" package/lib/postinstall.js | sed -n "s/^const VERSION = '\(.*\)';/\1/p")"
    [ -n "$RG_TAG" ] || fail "cannot read the ripgrep version @vscode/ripgrep@$RG_PKG expects"
    mkdir -p "$ROOT/tmp/rg" "$TMPDIR/vscode-ripgrep-cache-$RG_PKG"
    cp "$(command -v rg)" "$ROOT/tmp/rg/rg"
    tar czf "$TMPDIR/vscode-ripgrep-cache-$RG_PKG/ripgrep-$RG_TAG-x86_64-unknown-linux-musl.tar.gz" -C "$ROOT/tmp/rg" rg
  fi
  # yes: node-pty's postinstall calls `npx node-gyp`; unsafe_perm: code-server's postinstall refuses root without it
  if ! (cd "$ROOT/cs" && npm_config_yes=true npm_config_unsafe_perm=true \
        npm install --no-audit --no-fund "$ROOT/tmp/code-server-$CS_VERSION.tgz" >"$ROOT/cs-install.log" 2>&1); then
    grep -v 'gyp info' "$ROOT/cs-install.log" | tail -40
    fail "code-server@$CS_VERSION did not install"
  fi
fi

# --- 4. the browser driver (playwright-core only: `playwright` would try to download its own browsers) -------
DRIVER="$ROOT/driver/node_modules"
if ! [ -d "$DRIVER/playwright-core" ]; then
  say "installing playwright-core"
  mkdir -p "$ROOT/driver" && echo '{"private":true}' > "$ROOT/driver/package.json"
  (cd "$ROOT/driver" && npm install --no-audit --no-fund --loglevel=error playwright-core >/dev/null)
fi
flock -u 9

# --- 5. a code-server of our own: loopback, free port, no auth, fresh profile and workspace ------------------
# `start_server trusted|untrusted` sets RUN, PORT and CS_PID. Untrusted: workspace trust on, the folder not
# trusted and no prompt, so it opens in Restricted Mode; its .vscode/settings.json sets restricted settings the
# extension must ignore there.
CS_PID="" RUN=""
stop_server() {
  [ -n "$CS_PID" ] || return 0
  kill -- "-$CS_PID" 2>/dev/null || kill "$CS_PID" 2>/dev/null || true
  wait "$CS_PID" 2>/dev/null || true
  # SKILLSMITH_E2E_KEEP=1 keeps the run folder (logs, profile, fixture home) for a look after a failure
  [ -n "${SKILLSMITH_E2E_KEEP:-}" ] || rm -rf "$RUN"
  CS_PID=""
}
trap stop_server EXIT
trap 'exit 130' INT TERM

start_server() {
  local trust="$1"
  RUN="$(mktemp -d "$ROOT/run.XXXXXX")"
  mkdir -p "$RUN/user/User" "$RUN/exts" "$RUN/ws" "$RUN/home" "$RUN/tmp"
  # temp files of this run (the tests' scratch libraries, the browser profile) go when the run ends
  export TMPDIR="$RUN/tmp"
  # the extension host inherits this: with skillsmith.home unset, tests use a scratch home, never ~/.skillsmith
  export SKILLSMITH_HOME="$RUN/home"
  if [ "$MODE" != exthost ]; then
    # the UI tests look at a library in every state; its installs go to a scratch user home, never the real one
    say "building the fixture library"
    (cd "$REPO" && node --import tsx test/vscode/fixtures/fixture-home.ts "$SKILLSMITH_HOME") > "$RUN/fixture.json"
  fi
  if [ "$MODE" = vsix ]; then
    say "installing $(basename "$VSIX") into code-server"
    "$NODE_BIN" "$CS_ENTRY" --extensions-dir "$RUN/exts" --user-data-dir "$RUN/user" --install-extension "$VSIX" >"$RUN/install-vsix.log" 2>&1 \
      || { cat "$RUN/install-vsix.log"; fail "code-server could not install $VSIX"; }
  fi
  local trust_settings='"security.workspace.trust.enabled": false' trust_flag=(--disable-workspace-trust)
  if [ "$trust" = untrusted ]; then
    trust_settings='"security.workspace.trust.enabled": true,
  "security.workspace.trust.startupPrompt": "never",
  "security.workspace.trust.banner": "never",
  "security.workspace.trust.emptyWindow": false'
    trust_flag=()
    mkdir -p "$RUN/ws/.vscode"
    cat > "$RUN/ws/.vscode/settings.json" <<JSON
{
  "skillsmith.home": "$RUN/ws/.skillsmith-from-the-workspace",
  "skillsmith.llm.baseUrl": "http://127.0.0.1:9/from-the-workspace/v1",
  "skillsmith.allWorkspaces": true,
  "skillsmith.llm.provider": "openai",
  "skillsmith.llm.model": "model-from-the-workspace",
  "skillsmith.llm.maxOutputTokens": 7,
  "skillsmith.llm.requestsPerMinute": 1000,
  "skillsmith.llm.embeddings.model": "embeddings-from-the-workspace",
  "skillsmith.transcriptFolders": ["$RUN/ws/planted-sessions"],
  "skillsmith.canary.share": 0.25
}
JSON
  fi
  cat > "$RUN/user/User/settings.json" <<JSON
{
  "workbench.startupEditor": "none",
  "workbench.colorTheme": "Default Light Modern",
  "workbench.tips.enabled": false,
  "window.commandCenter": false,
  "editor.minimap.enabled": false,
  "editor.autoClosingBrackets": "never",
  "editor.autoClosingQuotes": "never",
  "editor.autoIndent": "none",
  "editor.formatOnType": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "update.mode": "none",
  $trust_settings,
  "chat.disableAIFeatures": true,
  "git.openRepositoryInParentFolders": "never"
}
JSON
  PORT="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  local opts=()
  # VS Code after 1.100 ignores the test payload in a built web workbench unless the smoke-test driver is on
  # (help text captured first: `| grep -q` under pipefail can fail when grep stops reading early)
  local help
  help="$("$NODE_BIN" "$CS_ENTRY" --help 2>/dev/null || true)"
  grep -q -- '--vscode-option' <<<"$help" && opts+=(--vscode-option=--enable-smoke-test-driver)
  # setsid: the server, its extension hosts and file watchers form one process group we can end together.
  # HOME: installs "for the user" go under the run's folder, never into the real home's agent folders.
  mkdir -p "$RUN/scratch-user-home"
  HOME="$RUN/scratch-user-home" setsid "$NODE_BIN" "$CS_ENTRY" --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry \
    --disable-update-check "${trust_flag[@]}" "${opts[@]}" \
    --user-data-dir "$RUN/user" --extensions-dir "$RUN/exts" >"$RUN/code-server.log" 2>&1 &
  CS_PID=$!
  if ! node -e '
    const url = process.argv[1], until = Date.now() + 30000;
    (async () => {
      while (Date.now() < until) {
        try { if ((await fetch(url)).ok) return; } catch {}
        await new Promise((r) => setTimeout(r, 200));
      }
      process.exit(1);
    })();' "http://127.0.0.1:$PORT/healthz"; then
    tail -20 "$RUN/code-server.log"
    fail "code-server did not answer on port $PORT"
  fi
  say "code-server $CS_VERSION up on port $PORT (node $("$NODE_BIN" --version)${trust:+, $trust workspace})"
}

# --- 6. the tests: inside the real extension host, or driving the workbench ---------------------------------
# `run_pass trusted|untrusted`: one server, one run of the tests; returns their exit code.
run_pass() {
  start_server "$1"
  local code
  mkdir -p "$E2E_SHOT_DIR"
  set +e
  case "$MODE:$1" in
    exthost:trusted) NODE_PATH="$DRIVER" node "$HARNESS/run-exthost-tests.js" "http://127.0.0.1:$PORT" "$RUN/ws" "$REPO" "$TESTS" ;;
    exthost:untrusted) NODE_PATH="$DRIVER" node "$HARNESS/run-exthost-tests.js" "http://127.0.0.1:$PORT" "$RUN/ws" "$REPO" "$UNTRUSTED_TESTS" ;;
    ui:*) NODE_PATH="$DRIVER" node "$REPO/test/ui/run-ui.js" "http://127.0.0.1:$PORT" "$RUN/ws" "$REPO" "$RUN/user/User/settings.json" ;;
    vsix:*) E2E_INSTALLED=1 NODE_PATH="$DRIVER" node "$REPO/test/ui/run-ui.js" "http://127.0.0.1:$PORT" "$RUN/ws" "$REPO" "$RUN/user/User/settings.json" ;;
  esac
  code=$?
  set -e
  [ $code -eq 0 ] || { say "code-server log:"; tail -30 "$RUN/code-server.log"; }
  stop_server
  return $code
}

status=0
if [ "$MODE" != exthost ] || [ -n "$TESTS" ]; then run_pass trusted || status=$?; fi
if [ -n "$UNTRUSTED_TESTS" ]; then
  # its screenshots go beside the first pass's, not over them (the extension host reads this too)
  E2E_SHOT_DIR="$E2E_SHOT_DIR/untrusted" run_pass untrusted || status=$?
fi
exit $status
