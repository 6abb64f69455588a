// Opens code-server's workbench in headless Chromium with a development/test payload, so the workbench loads
// our extension from source and runs the test entry inside the real (Node) extension host. The workbench
// reports the end of the run through window.codeAutomationExit(code), the hook @vscode/test-web relies on.
//
// Usage: node run-exthost-tests.js SERVER_URL WORKSPACE_DIR EXTENSION_DIR TESTS_ENTRY_JS
// Environment: E2E_SHOT_DIR (screenshots), E2E_TIMEOUT (seconds), E2E_VERBOSE=1, CHROMIUM (browser binary)
//
// Screenshots: a test that logs `[screenshot] NAME` gets E2E_SHOT_DIR/NAME.png, taken while its extension
// host is still alive (the test waits for the file); the workbench as the run ends goes to end.png.
const { chromium } = require('playwright-core');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const util = require('node:util');

const [, , server, workspace, extensionDir, testsEntry] = process.argv;
const timeoutMs = Number(process.env.E2E_TIMEOUT || 180) * 1000;
const verbose = process.env.E2E_VERBOSE === '1';
const shotDir = process.env.E2E_SHOT_DIR;
const SHOT_REQUEST = /^\[screenshot\] ([\w.-]+)$/;

/** Saves a screenshot under a temporary name first, so a test waiting for the file never sees half of it. */
async function screenshot(page, name) {
  if (!shotDir) return;
  const file = path.join(shotDir, `${name}.png`);
  await page.waitForTimeout(1000); // lets views the tests opened finish painting
  try {
    await page.screenshot({ path: `${file}.partial.png` });
    fs.renameSync(`${file}.partial.png`, file);
    console.log(`screenshot: ${path.relative(process.cwd(), file)}`);
  } catch (e) {
    console.log(`no screenshot ${name}: ${e.message}`);
  }
}

function workbenchUrl() {
  const remote = (p) => `vscode-remote://${new URL(server).host}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionDir)],
    ['extensionTestsPath', remote(testsEntry)],
  ];
  return `${server}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

// The workbench prints its log service's messages, the extension host's console among them, as
// ('%c LEVEL', css, fmt, ...args); its other console chatter comes unstyled and is shown only when verbose.
const NOISE = [/ENOTFOUND open-vsx\.org/]; // the extension gallery, unreachable offline

async function formatConsole(message) {
  let args;
  try {
    args = await Promise.all(message.args().map((a) => a.jsonValue()));
  } catch {
    args = [message.text()];
  }
  const styled = typeof args[0] === 'string' && args[0].startsWith('%c');
  if (!styled) return verbose ? util.format(...args) : undefined;
  args.splice(0, 2);
  const text = util.format(...args);
  return !verbose && NOISE.some((n) => n.test(text)) ? undefined : text;
}

async function main() {
  const started = Date.now();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    // no sandbox as root; the rest keeps Chromium from reaching for hosts this machine cannot resolve
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = context.pages()[0] || (await context.newPage());
    let exit;
    const exited = new Promise((resolve) => (exit = resolve));
    await page.exposeFunction('codeAutomationExit', (code) => exit(code));
    // printed in arrival order, and all of it before the closing lines below
    let printed = Promise.resolve();
    page.on('console', (m) => {
      printed = printed.then(() => formatConsole(m)).then((text) => {
        if (text === undefined) return;
        console.log(text);
        const request = SHOT_REQUEST.exec(text);
        if (request) return screenshot(page, request[1]);
      });
    });
    await page.goto(workbenchUrl());
    let timer;
    const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const code = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    await printed;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(code === 'timeout'
      ? `extension-host tests did not finish within ${timeoutMs / 1000}s`
      : `extension host exited with code ${code} after ${seconds}s`);
    await screenshot(page, 'end');
    return code === 0 ? 0 : 1;
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
