import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OfflineEngine } from '../../../../src/core/distill/offline/offline-engine';
import { runPipeline } from '../../../../src/core/distill/pipeline/run';
import { PipelineState } from '../../../../src/core/distill/pipeline/state';
import { attributeStoredSessions } from '../../../../src/core/evolve/attribution/attribute';
import { skillUsesInCalls } from '../../../../src/core/evolve/attribution/find-uses';
import { skillUses } from '../../../../src/core/evolve/attribution/store';
import { ingest } from '../../../../src/core/ingest/ingest';
import { agentTarget } from '../../../../src/core/skills/install/agents';
import { installSkill } from '../../../../src/core/skills/install/install';
import { parseSkillMd } from '../../../../src/core/skills/skillmd/parse';
import { addSkill, tempDir, world } from '../../skills/install/helpers';

const CWD = '/home/dev/shop';

/** A Claude Code session file: each entry becomes one line chained by parentUuid. */
function claudeSession(id: string, entries: { type: 'user' | 'assistant'; content: unknown; isMeta?: boolean }[]): string {
  let parent: string | null = null;
  return entries
    .map((e, i) => {
      const uuid = `${id}-${i}`;
      const message = e.type === 'assistant' ? { id: `msg-${id}-${i}`, role: 'assistant', model: 'claude-sonnet-4-5', content: e.content } : { role: 'user', content: e.content };
      const line = { parentUuid: parent, isSidechain: false, userType: 'external', cwd: CWD, sessionId: id, version: '2.1.30', type: e.type, message, uuid, timestamp: `2026-10-01T09:00:${String(i).padStart(2, '0')}Z`, ...(e.isMeta ? { isMeta: true } : {}) };
      parent = uuid;
      return JSON.stringify(line);
    })
    .join('\n') + '\n';
}

const use = (id: string, name: string, input: unknown) => ({ type: 'assistant' as const, content: [{ type: 'tool_use', id, name, input }] });
const result = (id: string, content: string) => ({ type: 'user' as const, content: [{ type: 'tool_result', tool_use_id: id, content }] });
const say = (text: string) => ({ type: 'assistant' as const, content: [{ type: 'text', text }] });
const ask = (text: string) => ({ type: 'user' as const, content: text });

/** A Codex rollout (2026 shape): meta, then a prompt, an exec_command call, its output and an answer. */
function codexSession(id: string, prompt: string, cmd: string, output: string): string {
  const at = (s: number) => `2026-10-01T10:00:${String(s).padStart(2, '0')}Z`;
  const lines = [
    { timestamp: at(0), type: 'session_meta', payload: { id, timestamp: at(0), cwd: CWD, originator: 'codex_cli_rs', cli_version: '0.130.0', model_provider: 'openai' } },
    { timestamp: at(1), type: 'response_item', payload: { type: 'message', role: 'user', content: [{ type: 'input_text', text: prompt }] } },
    { timestamp: at(2), type: 'response_item', payload: { type: 'function_call', name: 'exec_command', arguments: JSON.stringify({ cmd, workdir: CWD }), call_id: 'call_1' } },
    { timestamp: at(3), type: 'response_item', payload: { type: 'function_call_output', call_id: 'call_1', output: `Process exited with code 0\nOutput:\n${output}` } },
    { timestamp: at(4), type: 'response_item', payload: { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Done.' }] } },
  ];
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
}

/** Claude Code's Read tool numbers the lines it shows. */
function numbered(text: string): string {
  return text
    .split('\n')
    .map((line, i) => `${String(i + 1).padStart(6)}→${line}`)
    .join('\n');
}

test('attribution reads the skill and version each atom loaded from Claude Code and Codex transcripts', async () => {
  const w = await world();
  const v1 = await addSkill(w.library, 'run-tests', 'Run `npm test` and read the first failure.');
  await installSkill(w, { skill: 'run-tests', agents: [agentTarget('claude-code'), agentTarget('codex')], scope: 'user', trustedWorkspace: true });
  const claudePath = join(w.userHome, '.claude/skills/run-tests');
  const codexPath = join(w.userHome, '.agents/skills/run-tests');
  const installedV1 = readFileSync(join(claudePath, 'SKILL.md'), 'utf8');
  const v2 = await addSkill(w.library, 'run-tests', 'Run `npm test -- --bail` and read the first failure.');
  await installSkill(w, { skill: 'run-tests', agents: [agentTarget('claude-code')], scope: 'user', trustedWorkspace: true });
  const installedV2 = readFileSync(join(claudePath, 'SKILL.md'), 'utf8');
  assert.notEqual(installedV1, installedV2);

  const sessions = tempDir('skillsmith-sessions-');
  mkdirSync(join(sessions, 'claude'), { recursive: true });
  mkdirSync(join(sessions, 'codex'), { recursive: true });
  // the Skill tool: Claude Code answers "Launching skill", then puts the body (no frontmatter) into the conversation
  writeFileSync(
    join(sessions, 'claude', 'skill-tool.jsonl'),
    claudeSession('aaaaaaaa-0000-4000-8000-000000000001', [
      ask('The order tests fail, please fix them'),
      use('t1', 'Skill', { skill: 'run-tests' }),
      result('t1', 'Launching skill: run-tests'),
      { type: 'user', isMeta: true, content: [{ type: 'text', text: `Base directory for this skill: ${claudePath}\n\n${parseSkillMd(installedV1, 'x').body}` }] },
      use('t2', 'Bash', { command: 'npm test' }),
      result('t2', 'Tests: 57 passed'),
      say('Fixed.'),
      ask('Now write a haiku about autumn'),
      say('Leaves fall.'),
    ]),
  );
  // a read of the installed SKILL.md through the link, after the update to v2
  writeFileSync(
    join(sessions, 'claude', 'read.jsonl'),
    claudeSession('aaaaaaaa-0000-4000-8000-000000000002', [
      ask('Run the tests the way we always do'),
      use('r1', 'Read', { file_path: join(claudePath, 'SKILL.md') }),
      result('r1', numbered(installedV2)),
      use('r2', 'Bash', { command: 'npm test -- --bail' }),
      result('r2', 'Tests: 57 passed'),
      say('All green.'),
    ]),
  );
  // Codex reads the copy in the shared folder with sed
  writeFileSync(
    join(sessions, 'codex', 'rollout-2026-10-01T10-00-00-bbbbbbbb-0000-4000-8000-000000000003.jsonl'),
    codexSession('bbbbbbbb-0000-4000-8000-000000000003', 'fix the failing billing tests', `sed -n '1,200p' ${join(codexPath, 'SKILL.md')}`, readFileSync(join(codexPath, 'SKILL.md'), 'utf8')),
  );
  // a session that reads some other markdown file loads no skill
  writeFileSync(
    join(sessions, 'codex', 'rollout-2026-10-01T11-00-00-bbbbbbbb-0000-4000-8000-000000000004.jsonl'),
    codexSession('bbbbbbbb-0000-4000-8000-000000000004', 'summarize the readme', 'cat README.md', '# Shop\nskills: none'),
  );

  const ingested = await ingest(w.store, [sessions], { allWorkspaces: true });
  assert.equal(ingested.problems?.length ?? 0, 0, JSON.stringify(ingested));
  await runPipeline({ store: w.store, library: w.library, engine: new OfflineEngine() });

  const rows = skillUses(w.store).map((r) => [r.atomId, r.skill, r.version, r.evidence]);
  assert.deepEqual(rows, [
    ['claude-code:aaaaaaaa-0000-4000-8000-000000000001#0', 'run-tests', v1, 'skill-tool'],
    ['claude-code:aaaaaaaa-0000-4000-8000-000000000002#0', 'run-tests', v2, 'read'],
    ['codex:bbbbbbbb-0000-4000-8000-000000000003#0', 'run-tests', v1, 'read'],
  ]);
  // a store whose atoms were split before attribution existed is brought up to date the same way
  w.store.run('DELETE FROM skill_uses');
  assert.deepEqual(await attributeStoredSessions(w.store), { sessions: 4, uses: 3 });
  assert.deepEqual(skillUses(w.store).map((r) => [r.atomId, r.skill, r.version, r.evidence]), rows);
  // the atom splitter reads the same evidence into the atom itself
  const [atom] = new PipelineState(w.store).atomsById(['claude-code:aaaaaaaa-0000-4000-8000-000000000001#0']);
  assert.deepEqual(atom.usedSkills, [{ name: 'run-tests', version: v1 }]);
  const [haiku] = new PipelineState(w.store).atomsById(['claude-code:aaaaaaaa-0000-4000-8000-000000000001#2']);
  assert.deepEqual(haiku.usedSkills, [], 'the next request in the session did not load the skill');
  await w.close();
});

test('evidence from one atom: both versions loaded is a conflict, a short id from the folder name agrees with the full id', () => {
  const full = 'abcdef0123456789abcdef0123456789abcdef01';
  const other = '1111111111111111111111111111111111111111';
  const marker = (v: string, skill = 'lint') => `<!-- skillsmith-version: ${v} skill: ${skill} -->`;
  assert.deepEqual(
    skillUsesInCalls([
      { name: 'Read', input: { file_path: '/h/.skillsmith/installed/lint@abcdef0/SKILL.md' }, output: 'no marker shown' },
      { name: 'Skill', input: { skill: 'lint' }, output: `Launching skill: lint\n${marker(full)}` },
    ]),
    [{ skill: 'lint', version: full, evidence: 'skill-tool' }],
  );
  assert.deepEqual(
    skillUsesInCalls([
      { name: 'Skill', input: { skill: 'lint' }, output: marker(full) },
      { name: 'Skill', input: { skill: 'lint' }, output: marker(other) },
    ]),
    [{ skill: 'lint', evidence: 'conflicting-versions' }],
  );
  // cat of two skills at once: each marker names its own skill
  assert.deepEqual(
    skillUsesInCalls([{ name: 'Bash', input: { command: 'cat ~/.claude/skills/lint/SKILL.md ~/.claude/skills/fmt/SKILL.md' }, output: `${marker(full)}\n${marker(other, 'fmt')}` }]),
    [
      { skill: 'lint', version: full, evidence: 'read' },
      { skill: 'fmt', version: other, evidence: 'read' },
    ],
  );
  // writing a SKILL.md is not loading it; a marker in a grep result still names the skill it belongs to
  assert.deepEqual(skillUsesInCalls([{ name: 'Bash', input: { command: 'rm -r ~/.claude/skills/lint/SKILL.md' }, output: '' }]), []);
  assert.deepEqual(skillUsesInCalls([{ name: 'Grep', input: { pattern: 'skillsmith' }, output: marker(full) }]), [{ skill: 'lint', version: full, evidence: 'marker' }]);
});
