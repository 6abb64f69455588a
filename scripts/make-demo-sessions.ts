/**
 * Writes the demo's sample sessions (samples/sessions/): a small made-up project, "shop-api", worked on
 * with Claude Code and Codex over a few weeks. Three workflows recur (fixing failing tests, adding a
 * database migration, cutting a release) among one-off questions; the tests fail on a fresh machine until
 * the database container is started (twice), and the user twice tells the agent not to add a date
 * package but to use the project's helper. So the offline engine has something real to find. Run: node --import tsx scripts/make-demo-sessions.ts
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const OUT = join(__dirname, '..', 'samples', 'sessions');
const WORKSPACE = '/home/dev/shop-api';

type Call = { tool: 'run' | 'read' | 'edit' | 'write'; arg: string; output: string; error?: boolean };
/** `then`: the user's next turn in the same request (a correction, say) and what the agent did after it. */
type Exchange = { prompt: string; reply: string; calls: Call[]; then?: { prompt: string; reply: string; calls: Call[] } };

const run = (arg: string, output: string, error = false): Call => ({ tool: 'run', arg, output, error });
const read = (arg: string, output = '…'): Call => ({ tool: 'read', arg, output });
const edit = (arg: string): Call => ({ tool: 'edit', arg, output: 'The file has been updated.' });
const write = (arg: string): Call => ({ tool: 'write', arg, output: 'File created.' });

const fixTests = (prompt: string, file: string, failure: string): Exchange => ({
  prompt,
  reply: `The failure comes from ${file}; fixed and re-ran the suite.`,
  calls: [
    run('npm test', `FAIL src/${file.replace('.ts', '.test.ts')}\n  ● ${failure}\nTests: 1 failed, 57 passed\nexit code 1`, true),
    read(`${WORKSPACE}/src/${file}`),
    edit(`${WORKSPACE}/src/${file}`),
    run('npm test', 'Tests: 58 passed, 58 total'),
  ],
});

const migration = (prompt: string, name: string): Exchange => ({
  prompt,
  reply: `Added migrations/${name} and applied it; the suite passes.`,
  calls: [
    run('ls migrations', '001_init.sql\n002_orders.sql\n003_customers.sql'),
    write(`${WORKSPACE}/migrations/${name}`),
    run('npm run migrate', `applying ${name} … done`),
    run('npm test', 'Tests: 58 passed, 58 total'),
  ],
});

const release = (prompt: string, version: string): Exchange => ({
  prompt,
  reply: `Released v${version}: changelog updated, tag pushed.`,
  calls: [
    run('git log --oneline v' + version.replace(/\d+$/, (d) => String(Number(d) - 1)) + '..HEAD', 'a1b2c3d fix rounding\n9f8e7d6 add coupons'),
    edit(`${WORKSPACE}/CHANGELOG.md`),
    run('npm version patch', `v${version}`),
    run('git push --follow-tags', `To origin\n * [new tag] v${version} -> v${version}`),
  ],
});

const question = (prompt: string, reply: string): Exchange => ({ prompt, reply, calls: [] });

// the tests need the database container; on a fresh checkout they fail until it is started
const testsNeedDatabase = (prompt: string, file: string): Exchange => ({
  prompt,
  reply: `The suite needs Postgres; started the db container and the tests pass (${file} was fine).`,
  calls: [
    run('npm test', `FAIL src/${file.replace('.ts', '.test.ts')}\n  ● connect ECONNREFUSED 127.0.0.1:5432\nTests: 12 failed, 46 passed\nexit code 1`, true),
    run('docker compose up -d db', 'Container shop-api-db-1  Started'),
    run('npm test', 'Tests: 58 passed, 58 total'),
  ],
});

// the agent reaches for a new package; the user points it at the project's own helpers
const dateFormatting = (prompt: string, pkg: string, correction: string, file: string): Exchange => ({
  prompt,
  reply: `Installed ${pkg} for the formatting.`,
  calls: [run(`npm install ${pkg}`, `added 1 package in 2s`)],
  then: {
    prompt: correction,
    reply: 'Removed the package and used formatDate from src/lib/dates.ts.',
    calls: [run(`npm uninstall ${pkg}`, 'removed 1 package in 1s'), read(`${WORKSPACE}/src/lib/dates.ts`), edit(`${WORKSPACE}/src/${file}`), run('npm test', 'Tests: 58 passed, 58 total')],
  },
});

// Sessions: [agent, id, day, exchanges]
const SESSIONS: ['claude-code' | 'codex', string, number, Exchange[]][] = [
  ['claude-code', '6f1c2a10-0000-4000-8000-000000000001', 1, [
    fixTests('The order total tests fail since yesterday, can you fix them?', 'orders.ts', 'order total › applies coupon before tax'),
    question('What does the `satisfies` operator do in TypeScript?', 'It checks a value against a type without widening it.'),
  ]],
  ['codex', '0199a000-0000-7000-8000-000000000002', 3, [
    migration('Add a migration that adds a phone column to customers', '004_customer_phone.sql'),
  ]],
  ['claude-code', '6f1c2a10-0000-4000-8000-000000000003', 5, [
    release('Cut a patch release please', '1.4.1'),
    question('Remind me how to list open ports on Linux', 'Use `ss -tlnp`.'),
  ]],
  ['codex', '0199a000-0000-7000-8000-000000000004', 8, [
    fixTests('npm test is failing in the invoice module, fix the failing test', 'invoices.ts', 'invoice › rounds to cents'),
  ]],
  ['claude-code', '6f1c2a10-0000-4000-8000-000000000005', 10, [
    migration('We need a migration for an index on orders.created_at', '005_orders_created_at_idx.sql'),
    { ...question('Our staging key is export STRIPE_SECRET_KEY=sk_live_' + '51Hx' + 'Q2eZvKYlo2C0aB3dE4fG5hI6 — is it safe to commit?', 'No: never commit it; keep it in your secret store and rotate this one.') },
  ]],
  ['codex', '0199a000-0000-7000-8000-000000000006', 12, [
    release('Time for a release, bump the patch version', '1.4.2'),
  ]],
  ['claude-code', '6f1c2a10-0000-4000-8000-000000000007', 15, [
    fixTests('Tests for the cart fail after the refactor, please fix', 'cart.ts', 'cart › removes empty lines'),
    migration('Add a migration creating the refunds table', '006_refunds.sql'),
  ]],
  ['codex', '0199a000-0000-7000-8000-000000000008', 18, [
    question('Explain the difference between a left join and an inner join', 'A left join keeps every row of the left table…'),
    release('Release a new patch version with the refund feature', '1.4.3'),
  ]],
  ['claude-code', '6f1c2a10-0000-4000-8000-000000000009', 19, [
    testsNeedDatabase('The checkout tests fail on my new laptop, can you see why?', 'checkout.ts'),
    dateFormatting('Show the order date as "12 Oct 2026" on the invoice PDF', 'dayjs', "no, don't add a dependency for dates, use the formatDate helper in src/lib/dates.ts", 'invoices.ts'),
  ]],
  ['codex', '0199a000-0000-7000-8000-000000000010', 21, [
    migration('Add a migration for a loyalty_points column on customers', '007_loyalty_points.sql'),
    dateFormatting('Format the refund dates in the admin list as day month year', 'date-fns', "no, don't add a new dependency, we format dates with the formatDate helper in src/lib/dates.ts", 'refunds.ts'),
  ]],
  ['claude-code', '6f1c2a10-0000-4000-8000-000000000011', 23, [
    testsNeedDatabase('npm test fails with connection errors in the orders suite after pulling main', 'orders.ts'),
    fixTests('The coupon tests fail after the tax change, fix them please', 'coupons.ts', 'coupon › applies after tax'),
  ]],
  ['codex', '0199a000-0000-7000-8000-000000000012', 25, [
    migration('Add a migration adding a shipped_at column to orders', '008_orders_shipped_at.sql'),
    release('Cut a patch release with the loyalty points', '1.4.4'),
  ]],
];

function iso(day: number, minute: number): string {
  return new Date(Date.UTC(2026, 9, day, 9, minute)).toISOString();
}

function claudeCode(id: string, day: number, exchanges: Exchange[]): string {
  const lines: object[] = [];
  let parent: string | null = null;
  let n = 0;
  const base = { isSidechain: false, userType: 'external', cwd: WORKSPACE, sessionId: id, version: '2.0.64', gitBranch: 'main' };
  const push = (o: Record<string, unknown>) => {
    const uuid = `${id.slice(0, 8)}-${String(++n).padStart(4, '0')}`;
    lines.push({ parentUuid: parent, ...base, ...o, uuid, timestamp: iso(day, n) });
    parent = uuid;
  };
  const turns = exchanges.flatMap((ex) => (ex.then ? [ex, ex.then] : [ex]));
  turns.forEach((ex, k) => {
    push({ type: 'user', message: { role: 'user', content: ex.prompt } });
    ex.calls.forEach((c, i) => {
      const toolId = `toolu_${k}${i}_${id.slice(-4)}`;
      const tool = { run: 'Bash', read: 'Read', edit: 'Edit', write: 'Write' }[c.tool];
      const input = c.tool === 'run' ? { command: c.arg, description: 'Run ' + c.arg } : c.tool === 'edit'
        ? { file_path: c.arg, old_string: '…', new_string: '…' } : c.tool === 'write' ? { file_path: c.arg, content: '-- migration\n' } : { file_path: c.arg };
      push({ type: 'assistant', message: { id: `msg_${k}${i}_${id.slice(-4)}`, type: 'message', role: 'assistant', model: 'claude-sonnet-4-5',
        content: [{ type: 'tool_use', id: toolId, name: tool, input }], stop_reason: 'tool_use' } });
      push({ type: 'user', message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: toolId, content: c.output, is_error: Boolean(c.error) }] } });
    });
    push({ type: 'assistant', message: { id: `msg_${k}_end_${id.slice(-4)}`, type: 'message', role: 'assistant', model: 'claude-sonnet-4-5',
      content: [{ type: 'text', text: ex.reply }], stop_reason: 'end_turn' } });
  });
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
}

function codex(id: string, day: number, exchanges: Exchange[]): string {
  const lines: object[] = [];
  let minute = 0;
  const push = (type: string, payload: object) => lines.push({ timestamp: iso(day, ++minute), type, payload });
  push('session_meta', { id, timestamp: iso(day, 0), cwd: WORKSPACE, originator: 'codex_cli_rs', cli_version: '0.77.0', source: 'cli', model_provider: 'openai' });
  const turns = exchanges.flatMap((ex) => (ex.then ? [ex, ex.then] : [ex]));
  turns.forEach((ex, k) => {
    push('turn_context', { cwd: WORKSPACE, approval_policy: 'on-request', sandbox_policy: { type: 'workspace-write' }, model: 'gpt-5-codex', effort: 'medium', summary: 'auto' });
    push('response_item', { type: 'message', role: 'user', content: [{ type: 'input_text', text: ex.prompt }] });
    push('event_msg', { type: 'user_message', message: ex.prompt, images: [] });
    ex.calls.forEach((c, i) => {
      const callId = `call_${k}${i}${id.slice(-4)}`;
      if (c.tool === 'edit' || c.tool === 'write') {
        const verb = c.tool === 'edit' ? 'Update' : 'Add';
        push('response_item', { type: 'custom_tool_call', status: 'completed', call_id: callId, name: 'apply_patch',
          input: `*** Begin Patch\n*** ${verb} File: ${c.arg}\n@@\n-…\n+…\n*** End Patch\n` });
        push('response_item', { type: 'custom_tool_call_output', call_id: callId, output: JSON.stringify({ output: `Success. Updated the following files:\nM ${c.arg}\n`, metadata: { exit_code: 0 } }) });
        return;
      }
      const command = c.tool === 'read' ? `sed -n '1,200p' ${c.arg}` : c.arg;
      push('response_item', { type: 'function_call', name: 'shell', arguments: JSON.stringify({ command: ['bash', '-lc', command], workdir: WORKSPACE }), call_id: callId });
      push('response_item', { type: 'function_call_output', call_id: callId, output: JSON.stringify({ output: c.output, metadata: { exit_code: c.error ? 1 : 0, duration_seconds: 1.2 } }) });
    });
    push('response_item', { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: ex.reply }] });
    push('event_msg', { type: 'agent_message', message: ex.reply });
  });
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
}

rmSync(OUT, { recursive: true, force: true });
for (const [agent, id, day, exchanges] of SESSIONS) {
  if (agent === 'claude-code') {
    const dir = join(OUT, 'claude-code', '-home-dev-shop-api');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${id}.jsonl`), claudeCode(id, day, exchanges));
  } else {
    const dir = join(OUT, 'codex', '2026', '10', String(day).padStart(2, '0'));
    mkdirSync(dir, { recursive: true });
    const stamp = iso(day, 0).slice(0, 19).replace(/:/g, '-');
    writeFileSync(join(dir, `rollout-${stamp}-${id}.jsonl`), codex(id, day, exchanges));
  }
}
console.log(`wrote ${SESSIONS.length} sessions to ${OUT}`);
