/**
 * The benchmarks: named sections, each printing its own results as ratios against a baseline measured in
 * the same run. `npm run bench` runs them all; `npm run bench -- ingest` only the named ones.
 *
 * To add a section, add one line below. A section module either exports `run()` or does its work when
 * imported.
 */
type Section = () => Promise<unknown>;

const SECTIONS: Record<string, Section> = {
  ingest: () => import('./ingest.js'),
  redact: () => import('./redact.js'),
  canary: () => import('./canary.js'),
  tokens: () => import('./tokens.js'),
  match: () => import('./match.js'),
  vscode: () => import('./vscode.js'),
  library: () => import('./library.js'),
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((name) => !(name in SECTIONS));
  if (unknown.length > 0) {
    console.error(`unknown benchmark section ${unknown.join(', ')}; known: ${Object.keys(SECTIONS).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  for (const [name, load] of Object.entries(SECTIONS)) {
    if (wanted.length > 0 && !wanted.includes(name)) continue;
    console.log(`\n== ${name}`);
    const started = performance.now();
    const section = (await load()) as { run?: () => Promise<void> | void };
    await section.run?.();
    console.log(`   (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
}

void main();
