/**
 * Conformance over the real public samples in ../shared/transcripts (beside the project; present in CI,
 * absent in a user's clone, where this test skips and says so). Every expected value below was read off
 * the sample by hand: count the prompts, read the first one, list the tool_use / function_call / tool
 * request records. One row per sample file; add rows for new formats.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Trajectory } from '../../../src/core/transcripts/model';
import { readTranscripts } from '../../../src/core/transcripts/read';
import { SHARED, hasShared, roles, toolCalls, toolNames, userTexts } from './helpers';

interface SessionExpectation {
  sessionId: string;
  format: string;
  /** `U` per user turn, `A` per assistant turn, in order. */
  roles: string;
  firstPrompt: string;
  lastPrompt?: string;
  toolCalls: number;
  /** The first few tool names, in order. */
  firstTools: string[];
  toolErrors?: number;
  model?: string;
  /** Only the tail: some samples carry real home folders we do not repeat here. */
  workspaceEndsWith?: string;
  title?: string;
  check?: (t: Trajectory) => void;
}

interface Case {
  /** Path under shared/transcripts. */
  file: string;
  sessions: SessionExpectation[];
}

const CASES: Case[] = [
  // ---- Claude Code
  {
    file: 'claude-code/entireio_cc2.0.64_9fd2fc39aa5f.jsonl',
    sessions: [
      {
        sessionId: 'cde341db-b80a-44f5-b0f2-94db2ef7a164',
        format: 'claude-code-jsonl',
        roles: 'UAUA',
        firstPrompt:
          "I've noticed whatever command I invoke (e.g., `./entire help`) there's a few hundred millis delay before my shell prompt returns.  I'd like to add a flame graph or tracing or something to find out why.  As lightweight as possible please.",
        lastPrompt:
          'Hm, ok, nothing obvious in the trace.  Could it be a timeout failing to reach Posthog or something?  It is definitely solved when i disable telemetry with ENTIRE_TELEMETRY_OPTOUT.',
        toolCalls: 66,
        firstTools: ['Read', 'Glob', 'Read', 'Read', 'Read', 'Glob'],
        toolErrors: 8,
        model: 'claude-opus-4-5-20251101',
        workspaceEndsWith: '/src/entireio/cli',
      },
    ],
  },
  {
    file: 'claude-code/entireio_cc2.1.12_8e0a64736bc7.jsonl',
    sessions: [
      {
        sessionId: '8b418ea5-895d-4ad5-abe8-4489d36e454f',
        format: 'claude-code-jsonl',
        // /mcp (local, unanswered) is not a prompt; /pr (answered by the model) is
        roles: 'UAUAUAUAUA',
        firstPrompt: "I'm working on linear ENT-98. keep our working documentation in linear.",
        lastPrompt: '/pr',
        toolCalls: 31,
        firstTools: ['mcp__linear-server__get_issue', 'Glob', 'Glob', 'mcp__linear-server__list_documents', 'Read'],
        toolErrors: 2,
        model: 'claude-opus-4-5-20251101',
        workspaceEndsWith: '/workspace/cli',
        title: "Claude's Linear API Read/Write Access Capabilities",
        check: (t) => {
          // two parallel calls of one message, one of them off the parentUuid chain (lines 121-122)
          const names = toolNames(t);
          const i = names.indexOf('mcp__linear-server__get_document');
          assert.deepEqual(names.slice(i, i + 3), ['mcp__linear-server__get_document', 'mcp__linear-server__get_issue', 'mcp__linear-server__search_documentation']);
          assert.ok(toolCalls(t).every((c) => c.output !== undefined), 'every call has its result');
        },
      },
    ],
  },
  {
    file: 'claude-code/gitai_claudecode_1.0.111.jsonl',
    sessions: [
      {
        sessionId: 'cb947e5b-246e-4253-a953-631f7e464c6b',
        format: 'claude-code-jsonl',
        roles: 'UA', // ends with "[Request interrupted by user]", not a prompt
        firstPrompt: 'Make the colors green and yellow',
        toolCalls: 13,
        firstTools: ['Glob', 'Glob', 'Read', 'Read', 'Edit', 'MultiEdit'],
        toolErrors: 0,
        model: 'claude-sonnet-4-20250514',
        workspaceEndsWith: '/Desktop/ghq',
      },
    ],
  },
  // ---- Codex
  {
    file: 'codex/daaain_synthetic_rollout_legacy_bare.jsonl',
    sessions: [
      {
        sessionId: '44444444-4444-4444-8444-444444444444',
        format: 'codex-rollout-bare',
        roles: 'UA',
        firstPrompt: 'Open the synthetic legacy session.',
        toolCalls: 0,
        firstTools: [],
        check: (t) => assert.equal(t.turns[1]!.text, 'The synthetic legacy session is open.'),
      },
    ],
  },
  {
    file: 'codex/daaain_synthetic_rollout_wrapped.jsonl',
    sessions: [
      {
        sessionId: '11111111-1111-4111-8111-111111111111',
        format: 'codex-rollout-wrapped',
        roles: 'UA',
        firstPrompt: 'List the synthetic files.',
        toolCalls: 3,
        firstTools: ['exec_command', 'apply_patch', 'mcp__synthetic__lookup'],
        model: 'synthetic-model',
        workspaceEndsWith: '/workspace/synthetic-project',
        check: (t) => {
          assert.deepEqual(toolCalls(t).map((c) => c.output), ['./alpha.txt\n./beta.txt', 'Done!', '{"status":"ok"}']);
          assert.deepEqual(toolCalls(t)[0]!.input, { cmd: 'find . -maxdepth 1 -type f' });
          assert.equal(t.turns[1]!.text, 'The synthetic files are alpha.txt and beta.txt.');
          assert.ok(!JSON.stringify(t).includes('ENCRYPTED'));
        },
      },
    ],
  },
  {
    file: 'codex/simonw_sample_codex_0.77.jsonl',
    sessions: [
      {
        sessionId: '019b64e5-57fa-7463-b644-fba7e456f905',
        format: 'codex-rollout-wrapped',
        roles: 'U', // the sample is the head of a rollout: AGENTS.md and environment lines, then one prompt
        firstPrompt:
          'can you analyse the MD files in this directory and determine if the info we have is clear enough to start planning the migration?',
        toolCalls: 0,
        firstTools: [],
        model: 'gpt-5.2-codex',
        workspaceEndsWith: '/Code/homelab-migration',
      },
    ],
  },
  // ---- GitHub Copilot
  {
    file: 'copilot/gitai_chatSessions_v3_flat.json',
    sessions: [
      {
        sessionId: '331fed7f-cfd6-409c-8502-06a56322b636',
        format: 'copilot-chatsession-v3',
        roles: 'UAUAUA',
        firstPrompt: 'What can you help me with?',
        lastPrompt: 'Search for any other mentions of Bonjour',
        toolCalls: 2,
        firstTools: ['replace_string_in_file', 'grep_search'],
        model: 'copilot/claude-sonnet-4',
        title: 'Assistance with TypeScript project tasks',
        check: (t) => assert.match(toolCalls(t)[1]!.output!, /^1 match<match path=".*index\.ts" line=1>/),
      },
    ],
  },
  {
    file: 'copilot/gitai_chatSessions_v3_oplog.jsonl',
    sessions: [
      {
        sessionId: '331fed7f-cfd6-409c-8502-06a56322b636',
        format: 'copilot-chatsession-jsonl',
        roles: 'UAUAUA',
        firstPrompt: 'What can you help me with?',
        lastPrompt: 'Search for any other mentions of Bonjour',
        toolCalls: 2,
        firstTools: ['replace_string_in_file', 'grep_search'],
        model: 'copilot/claude-sonnet-4',
        title: 'Assistance with TypeScript project tasks',
      },
    ],
  },
  {
    file: 'copilot/dealenx_gemini_export.json',
    sessions: [
      {
        sessionId: 'request_b954e50d-60d0-4510-aa0e-9ddb6c264ceb',
        format: 'copilot-export',
        roles: 'UAUA',
        firstPrompt: 'hi',
        lastPrompt: 'hello',
        toolCalls: 0,
        firstTools: [],
        model: 'copilot/gemini-2.5-pro',
        check: (t) => assert.equal(t.turns[1]!.text, 'Hello! How can I help you today?'),
      },
    ],
  },
  {
    file: 'copilot/gitai_copilot_transcripts_event_stream.jsonl',
    sessions: [
      {
        sessionId: '5fcddc54-3ba1-4fc4-88ac-86bd2ce74c19',
        format: 'copilot-agent-transcript',
        roles: 'UA',
        firstPrompt: 'Add a comment to the file',
        toolCalls: 2,
        firstTools: ['read_file', 'apply_patch'],
        toolErrors: 0,
        check: (t) => assert.deepEqual((toolCalls(t)[0]!.input as { filePath: string }).filePath, '/Users/test/project/src/main.ts'),
      },
    ],
  },
  {
    file: 'other/gitai_copilot_cli_events.jsonl',
    sessions: [
      {
        sessionId: '301561f1-558a-43e9-a144-82d3ca12ab62',
        format: 'copilot-cli-events',
        roles: 'UA',
        firstPrompt: 'create a hello world file',
        toolCalls: 1,
        firstTools: ['create'],
        toolErrors: 0,
        model: 'gpt-4.1',
        workspaceEndsWith: '/Users/test/project',
        check: (t) => assert.equal(toolCalls(t)[0]!.output, 'Created file /Users/test/project/hello.py'),
      },
    ],
  },
  // ---- GitHub Copilot CLI, exported with /share (Markdown); Gemini CLI session file
  {
    file: 'copilot-cli-share/harmony_general_02-17_agent-workflow-setup.md',
    sessions: [
      {
        sessionId: '0f43c6e6-7576-4d55-a030-2b0cf77dc544',
        format: 'copilot-cli-share',
        // 9 "👤 User" blocks, each answered
        roles: 'UAUAUAUAUAUAUAUAUA',
        firstPrompt:
          '@SKILLS.md For the task management section, I got this suggestion from one of my team members. "Maybe update the "Task management section" to use our project board? I actually prefer the text file approach when using an LLM, but since it\'s a course requirement I feel like we should. Or we could use a mixture of both?" How could I do this properly so we can keep track of all logs since this is for a class project',
        lastPrompt: 'start, only write the format for lessons.md',
        // 49 ✅ and 3 ❌ tool blocks ("❌ Error" is the CLI's note, not a call)
        toolCalls: 52,
        firstTools: ['view', 'view', 'view', 'view', 'ask_user', 'ask_user'],
        // the 3 ❌ calls and two bash calls that exited 1 (line 1257) and 2 (line 1541)
        toolErrors: 5,
        model: 'claude-sonnet-4.6',
        check: (t) => {
          assert.equal(t.startedAt, '2026-02-17T18:38:47');
          assert.equal(t.endedAt, '2026-02-17T20:46:49');
          const bash = toolCalls(t).find((c) => c.name === 'bash')!;
          assert.deepEqual(bash.input, {
            description: 'Check GitHub project board and repo info',
            command: 'gh project list --owner "@me" 2>/dev/null | head -20; gh repo view --json name,owner 2>/dev/null',
          });
          assert.match(bash.output!, /^4\tHarmony Project Board\topen/);
          assert.match(bash.output!, /<exited with exit code 0>$/);
          assert.equal(bash.isError, undefined);
          assert.equal(toolCalls(t)[4]!.output, 'User selected: One already exists (I\'ll tell you details if needed)');
        },
      },
    ],
  },
  {
    file: 'copilot-cli-share/harmony_frontend_02-22-ensure-30-mock-messages.md',
    sessions: [
      {
        sessionId: '15561f53-e187-4973-b130-ba163317998d',
        format: 'copilot-cli-share',
        roles: 'UAUA',
        firstPrompt:
          'Each mock message list is still missing the minimum 30 count requirement specified in the acceptance criteria in @harmony-frontend/src/mocks/messages.ts. Fix this',
        lastPrompt: 'Verify that each mock message list has the minimum 30 count requirement in @harmony-frontend/src/mocks/messages.ts',
        toolCalls: 19,
        firstTools: ['view', 'view', 'bash', 'run_programming', 'bash', 'create'],
        // ❌ run_programming, and bash calls that exited 254 (line 640), 1 (line 716) and 1 (line 1150)
        toolErrors: 4,
        // the first of three models the session switched to (line 20)
        model: 'Gemini 3 Pro',
        check: (t) => {
          const failed = toolCalls(t)[3]!;
          assert.equal(failed.output, "Tool 'run_programming' does not exist.");
          assert.equal((failed.input as { description: string }).description, 'Count messages in each channel array');
          assert.ok(!JSON.stringify(t).includes('Analyzing Message Counts'), 'reasoning blocks are not turns');
        },
      },
    ],
  },
  {
    file: 'copilot-cli-share/harmony_frontend_03-02-pr91-review-fixes.md',
    sessions: [
      {
        sessionId: 'b9678dbe-5c4a-4172-8b41-783b2c4458f1',
        format: 'copilot-cli-share',
        roles: 'UAUAUAUA',
        firstPrompt: 'There are comments on PR #91 . Address the comments and if they are valid, then implement fixes',
        lastPrompt: 'Push and close related comments',
        toolCalls: 31,
        firstTools: ['github-mcp-server-pull_request_read', 'github-mcp-server-pull_request_read', 'view', 'view', 'bash', 'sql'],
        // the one ❌ bash call (line 441); every exit code in this file is 0
        toolErrors: 1,
        model: 'claude-sonnet-4.6',
        check: (t) => {
          const bash = toolCalls(t).find((c) => c.name === 'bash')!;
          assert.equal((bash.input as { description: string }).description, 'Check git state and current branch');
          assert.equal(bash.output, '?? cs351/\n---\nfeat/issue-39-accessibility-audit\n<exited with exit code 0>', 'the content of {content, detailedContent}');
          // "### Adversarial Review" and the like are headings inside a reply, not blocks
          assert.ok(t.turns.some((x) => x.role === 'assistant' && x.text.includes('### Adversarial Review')));
        },
      },
    ],
  },
  {
    file: 'other/entireio_gemini_cli_session_f7633853.json',
    sessions: [
      {
        sessionId: 'f7633853-6663-4dbb-bbf4-6159afa29df8',
        format: 'gemini-cli-session',
        // one user message; the "info" message (update notice) is not a turn
        roles: 'UA',
        firstPrompt: 'run an agent that creates a color file inside docs, choose your color',
        toolCalls: 9,
        firstTools: ['write_file', 'run_shell_command', 'run_shell_command', 'run_shell_command', 'read_file', 'run_shell_command'],
        toolErrors: 0,
        model: 'gemini-2.5-flash',
        check: (t) => {
          assert.equal(t.source, 'gemini-cli');
          assert.equal(t.startedAt, '2026-01-15T20:51:48.582Z');
          assert.equal(t.endedAt, '2026-01-15T20:52:56.382Z');
          assert.deepEqual(toolCalls(t)[1]!.input, { command: 'ls -l docs/blue.md', description: 'Verify the creation of docs/blue.md and display its details.' });
          assert.match(toolCalls(t)[1]!.output!, /^Command: ls -l docs\/blue\.md\nDirectory: \(root\)/);
          assert.ok(!JSON.stringify(t).includes('Gemini CLI update available'));
          assert.ok(t.turns[1]!.text.startsWith('I will create a markdown file `docs/blue.md`'));
        },
      },
    ],
  },
  // ---- Cursor
  {
    file: 'cursor/gitai_cursor_agent_transcript.jsonl',
    sessions: [
      {
        // not under agent-transcripts/<uuid>/, so the id is the file name and the workspace unknown
        sessionId: 'gitai_cursor_agent_transcript',
        format: 'cursor-agent-jsonl',
        roles: 'UA',
        firstPrompt: "Generate a file with all the HBO shows from the 90's in it",
        // lines 2-10: Read+WebSearch, WebFetch, Read, Read, WebSearch, Grep, WebSearch, Write, WebSearch
        toolCalls: 10,
        firstTools: ['Read', 'WebSearch', 'WebFetch', 'Read', 'Read', 'WebSearch', 'Grep', 'WebSearch', 'Write', 'WebSearch'],
        toolErrors: 0,
        check: (t) => assert.ok(!JSON.stringify(t).includes('[REDACTED]')),
      },
    ],
  },
  // ---- OpenCode
  {
    file: 'opencode/gitai_opencode.db',
    sessions: [
      {
        sessionId: 'test-session-123',
        format: 'opencode-sqlite',
        roles: 'UA',
        firstPrompt: 'Please update index.ts using sqlite transcript data',
        toolCalls: 1,
        firstTools: ['edit'],
        toolErrors: 0,
        model: 'gpt-5',
        workspaceEndsWith: '/Users/test/project',
        title: 'Test Session',
        check: (t) => {
          assert.equal(toolCalls(t)[0]!.output, 'Edit applied');
          assert.equal(t.turns[1]!.text, 'I will make the edit from sqlite.\n\nDone from sqlite source.');
        },
      },
    ],
  },
  {
    file: 'opencode/gitai_storage',
    sessions: [
      {
        // no session/ files: the id is the message folder's name
        sessionId: 'test-session-123',
        format: 'opencode-storage',
        roles: 'UA',
        firstPrompt: "Update the comment in index.ts to say 'Hello World'",
        toolCalls: 1,
        firstTools: ['edit'],
        toolErrors: 0,
        model: 'claude-3-5-sonnet-20241022',
        check: (t) => assert.equal(toolCalls(t)[0]!.output, 'Edit applied successfully.'),
      },
    ],
  },
  // ---- SpecStory
  {
    file: 'specstory/memegen_cursor_2025-03-12_oldest_format.md',
    sessions: [
      {
        sessionId: 'memegen_cursor_2025-03-12_oldest_format',
        format: 'specstory-2025-03',
        // 80 user headers, 4 of them empty; two prompts follow replies cut off inside a code block
        roles:
          'UAUAUUAUAUAUAUAUAUAUAUAUAUAUAUAUUAUAUAUAUAUAUAUAUAUAUAUAUAUAUAUAUAUAUAUAUAUAUAUAUAUAUAUAUAUAUAUAUAUAUAUAUAUAUAUAUAUAUUAUAUAUAUAUUAUAUAUAUAUAUAUAUAU',
        firstPrompt: "it's still failing what happened",
        lastPrompt: "can you add this information to the README as well? # of messages and # of words chatted? tbh if you were my intern i'd fire you",
        // after _****_: 48 ```bash, 34 ```diff, 12 Cancelled + 1 "Error calling tool.", 6 "Read file:",
        // 1 "File seems to be binary", 3 <details> summaries
        toolCalls: 105,
        firstTools: ['codebase_search', 'edit_file', 'edit_file', 'edit_file', 'edit_file', 'edit_file'],
        toolErrors: 14,
        title: 'Investigating Failure in Data Fetching',
        check: (t) => assert.equal(t.startedAt, '2025-03-12T12:54:14'),
      },
    ],
  },
  {
    file: 'specstory/tnyoffice_cursor_2025-08-13.md',
    sessions: [
      {
        sessionId: '9880e7bf-73cc-44e7-a4d6-93dfcae9f3d9',
        format: 'specstory-2025-07:cursor',
        roles: 'UA',
        firstPrompt: 'can you go through the git history for this repo and see if there was ever a BRAINSTORM.md file?',
        toolCalls: 13,
        firstTools: ['run_terminal_cmd', 'run_terminal_cmd', 'run_terminal_cmd'],
        toolErrors: 0,
        model: 'gpt-5',
        title: 'Check git history for BRAINSTORM.md',
        check: (t) => {
          assert.equal(t.startedAt, '2025-08-13T11:08:00.000Z');
          assert.ok(!JSON.stringify(t).includes('Thought Process'));
        },
      },
    ],
  },
  {
    file: 'specstory/munsellspace_claudecode_2025-12-06.md',
    sessions: [
      {
        sessionId: '0c56ec44-573e-4087-9413-650d54e1f1b3',
        format: 'specstory-v2.0.0:claude-code',
        // 11 user headers: "[Request interrupted by user]" and the unanswered "/exit" are not prompts
        roles: 'UAUAUAUAUAUAUAUAUA',
        firstPrompt:
          'Hello Claude, we have successfully worked on this rust crate. I do not wish to make changes at this point, however I would like to know whether we have made any plans for future development of this library?',
        lastPrompt: 'Ok thanks',
        // 32 <tool-use> blocks (lines 32, 322, 703, 720, 1041, …)
        toolCalls: 32,
        firstTools: ['Read', 'mcp__task-master__get_tasks', 'TodoWrite', 'Read', 'Edit'],
        toolErrors: 0,
        model: 'claude-opus-4-5-20251101',
        check: (t) => assert.equal(t.startedAt, '2025-12-06T19:04:39.000Z'),
      },
    ],
  },
];

if (!hasShared) {
  test('conformance over the public samples', { skip: `no sample folder at ${SHARED} (it sits beside the project in CI)` }, () => {});
}

for (const c of CASES) {
  const path = join(SHARED, c.file);
  const skip = !hasShared ? 'no sample folder' : !existsSync(path) ? `sample ${c.file} is not in this copy of the sample set` : false;
  test(`conformance: ${c.file}`, { skip }, async () => {
    const r = await readTranscripts(path);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.trajectories.map((t) => t.sessionId).sort(), c.sessions.map((s) => s.sessionId).sort());
    for (const want of c.sessions) {
      const t = r.trajectories.find((x) => x.sessionId === want.sessionId)!;
      assert.equal(t.format, want.format);
      assert.equal(roles(t), want.roles);
      const prompts = userTexts(t);
      assert.equal(prompts[0], want.firstPrompt);
      if (want.lastPrompt !== undefined) assert.equal(prompts[prompts.length - 1], want.lastPrompt);
      assert.equal(toolCalls(t).length, want.toolCalls);
      assert.deepEqual(toolNames(t).slice(0, want.firstTools.length), want.firstTools);
      if (want.toolErrors !== undefined) assert.equal(toolCalls(t).filter((x) => x.isError).length, want.toolErrors);
      if (want.model !== undefined) assert.equal(t.model, want.model);
      if (want.workspaceEndsWith !== undefined) assert.ok(t.workspace?.endsWith(want.workspaceEndsWith), `workspace ${t.workspace}`);
      if (want.title !== undefined) assert.equal(t.title, want.title);
      want.check?.(t);
    }
  });
}
