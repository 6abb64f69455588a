/**
 * Generated sessions in the real on-disk formats (Claude Code JSONL, Codex wrapped rollouts), for tests and
 * benchmarks that need many of them or need to control every line.
 */
export interface GeneratedSession {
  sessionId: string;
  cwd: string;
  /** Exchanges: each is a prompt, a shell call, its output and an answer. */
  exchanges: number;
  /** Start time (ISO); later lines are a minute apart. */
  start?: string;
  /** Extra words per prompt, output and answer, to make lines longer. */
  padding?: number;
  /** Put into the first prompt, e.g. a planted secret. */
  extra?: string;
}

function clock(start = '2026-10-01T09:00:00.000Z'): () => string {
  let t = Date.parse(start);
  return () => new Date((t += 60_000)).toISOString();
}

function words(n: number, seed: number): string {
  const vocab = ['order', 'total', 'coupon', 'tax', 'migration', 'customer', 'phone', 'test', 'suite', 'fix', 'rounding', 'cents'];
  return Array.from({ length: n }, (_, i) => vocab[(seed + i * 7) % vocab.length]).join(' ');
}

/** `exchanges * 4` Claude Code lines: prompt, tool_use, tool_result, answer, chained by parentUuid. */
export function claudeCodeLines(s: GeneratedSession): string[] {
  const at = clock(s.start);
  const lines: string[] = [];
  let parent: string | null = null;
  let n = 0;
  const envelope = (type: string, message: unknown) => {
    const uuid = `${s.sessionId.slice(0, 8)}-${String(++n).padStart(6, '0')}`;
    const line = { parentUuid: parent, isSidechain: false, userType: 'external', cwd: s.cwd, sessionId: s.sessionId, version: '2.0.64', gitBranch: 'main', type, message, uuid, timestamp: at() };
    parent = uuid;
    lines.push(JSON.stringify(line));
  };
  for (let i = 0; i < s.exchanges; i++) {
    const pad = words(s.padding ?? 0, i);
    const prompt = `Please fix the failing order test number ${i} ${pad}${i === 0 && s.extra ? ` ${s.extra}` : ''}`.trim();
    envelope('user', { role: 'user', content: prompt });
    const tool = `toolu_${s.sessionId.slice(0, 8)}_${i}`;
    envelope('assistant', {
      id: `msg_${i}`,
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content: [{ type: 'tool_use', id: tool, name: 'Bash', input: { command: `npm test -- orders ${i}`, description: 'Run the tests' } }],
      stop_reason: 'tool_use',
    });
    envelope('user', { role: 'user', content: [{ type: 'tool_result', tool_use_id: tool, content: `Tests: 1 failed, 57 passed ${pad}`.trim(), is_error: true }] });
    envelope('assistant', { id: `msg_${i}b`, type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [{ type: 'text', text: `Fixed the rounding in step ${i}. ${pad}`.trim() }], stop_reason: 'end_turn' });
  }
  return lines;
}

/** A Codex wrapped-era rollout: meta and turn context, then per exchange a prompt, a shell call, its output and an answer. */
export function codexLines(s: GeneratedSession): string[] {
  const at = clock(s.start);
  const line = (type: string, payload: unknown) => JSON.stringify({ timestamp: at(), type, payload });
  const lines = [
    line('session_meta', { id: s.sessionId, timestamp: s.start ?? '2026-10-01T09:00:00.000Z', cwd: s.cwd, originator: 'codex_cli_rs', cli_version: '0.77.0', source: 'cli', model_provider: 'openai' }),
    line('turn_context', { cwd: s.cwd, approval_policy: 'on-request', sandbox_policy: { type: 'workspace-write' }, model: 'gpt-5-codex', effort: 'medium', summary: 'auto' }),
  ];
  for (let i = 0; i < s.exchanges; i++) {
    const pad = words(s.padding ?? 0, i);
    const prompt = `Add migration number ${i} for the customers table ${pad}${i === 0 && s.extra ? ` ${s.extra}` : ''}`.trim();
    lines.push(line('response_item', { type: 'message', role: 'user', content: [{ type: 'input_text', text: prompt }] }));
    lines.push(line('event_msg', { type: 'user_message', message: prompt, images: [] }));
    const call = `call_${i}`;
    lines.push(line('response_item', { type: 'function_call', name: 'shell', arguments: JSON.stringify({ command: ['bash', '-lc', `npm run migrate ${i}`], workdir: s.cwd }), call_id: call }));
    lines.push(line('response_item', { type: 'function_call_output', call_id: call, output: JSON.stringify({ output: `applied ${i} ${pad}`.trim(), metadata: { exit_code: 0 } }) }));
    lines.push(line('response_item', { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: `Applied migration ${i}. ${pad}`.trim() }] }));
  }
  return lines;
}

export function jsonl(lines: readonly string[]): string {
  return lines.map((l) => `${l}\n`).join('');
}
