import { basename, extname } from 'node:path';
import type { ToolCall } from '../../transcripts/model';
import { commandHead } from '../../text/command-head';
import type { Step } from './types';

// what a command is, defined once for distillation and evaluation alike
export { commandHead } from '../../text/command-head';

/**
 * Agents name the same action differently (Bash, shell, exec_command, run_in_terminal, run_terminal_cmd…).
 * These patterns fold them into a few kinds so workflows from different agents line up.
 */
const KINDS: { kind: 'run' | 'edit' | 'read' | 'search'; pattern: RegExp }[] = [
  { kind: 'run', pattern: /(^|_)(bash|shell|exec|terminal|run_command|local_shell|command)(_|$)|run_in_terminal|exec_command/ },
  { kind: 'edit', pattern: /edit|write|replace|patch|insert|create_file|createfile|notebook/ },
  { kind: 'read', pattern: /read|view|open_file|^cat$/ },
  { kind: 'search', pattern: /grep|glob|search|find|^ls$|list/ },
];

export function toStep(call: ToolCall): Step {
  const name = call.name.toLowerCase();
  const kind = KINDS.find((k) => k.pattern.test(name))?.kind;
  const failed = call.isError === true || (kind === 'run' && looksFailed(call.output));
  const error = failed ? firstErrorLine(call.output) : undefined;
  if (kind === 'run') {
    const command = commandOf(call.input);
    const viewed = command ? viewedFile(command) : undefined;
    // agents without a read tool read files with cat or sed; count that as a read so workflows line up
    if (viewed) return { signature: `read:${fileKind(viewed)}`, detail: basename(viewed), failed, error };
    const head = command ? commandHead(command) : undefined;
    return { signature: head ? `run:${head}` : 'run', detail: command, failed, error };
  }
  if (kind === 'edit' || kind === 'read') {
    const file = fileOf(call.input);
    return { signature: `${kind}:${file ? fileKind(file) : '?'}`, detail: file ? basename(file) : undefined, failed, error };
  }
  if (kind === 'search') return { signature: 'search', failed, error };
  return { signature: `tool:${name}`, failed, error };
}

/** The shell command a call ran, from the argument shapes agents use. */
export function commandOf(input: unknown): string | undefined {
  if (typeof input === 'string') return input.trim() || undefined;
  if (!input || typeof input !== 'object') return undefined;
  const o = input as Record<string, unknown>;
  const v = o.command ?? o.cmd ?? o.commandLine ?? o.script;
  if (typeof v === 'string') return v.trim() || undefined;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) {
    const parts = v as string[];
    // ["bash", "-lc", "npm test"] runs its last element
    if (parts.length >= 3 && /sh$/.test(parts[0]) && /^-\w*c$/.test(parts[1])) return parts.slice(2).join(' ');
    return parts.join(' ');
  }
  return undefined;
}

function viewedFile(command: string): string | undefined {
  const m = /^\s*(?:cat|head|tail|less|nl|sed -n\s+(?:'[^']*'|"[^"]*"|\S+))\s+(?:-\S+\s+)*([\w./~-]+\.\w+)\s*$/.exec(command);
  return m?.[1];
}

function fileOf(input: unknown): string | undefined {
  if (!input || typeof input !== 'object') return typeof input === 'string' ? patchTarget(input) : undefined;
  const o = input as Record<string, unknown>;
  for (const key of ['file_path', 'filePath', 'path', 'target_file', 'targetFile', 'file', 'filename', 'uri', 'notebook_path']) {
    const v = o[key];
    if (typeof v === 'string' && v) return v;
  }
  for (const key of ['input', 'patch']) if (typeof o[key] === 'string') return patchTarget(o[key] as string);
  return undefined;
}

/** apply_patch input names its files in `*** Update File: path` lines. */
function patchTarget(text: string): string | undefined {
  return /\*\*\* (?:Update|Add|Delete) File: (.+)/.exec(text)?.[1]?.trim();
}

/** Files that matter by name (CHANGELOG.md, package.json) keep it; others are known by their extension. */
function fileKind(file: string): string {
  const base = basename(file);
  if (/^[A-Z][A-Z0-9_-]*(\.\w+)?$/.test(base) || /^(package|tsconfig|cargo|pyproject|go)\.(json|toml|mod)$/i.test(base)) {
    return base;
  }
  return extname(base).toLowerCase() || base;
}

const FAILURE_OUTPUT = /exit(?:ed with)? code:? ?[1-9]|npm ERR!|^FAIL\b|Traceback \(most recent call last\)|command not found|^error(?:\[\w+\])?:/im;

function looksFailed(output: string | undefined): boolean {
  return output !== undefined && FAILURE_OUTPUT.test(output.slice(0, 4000));
}

const SPECIFIC_ERROR = /\b(?:E[A-Z]{3,}|\w*Error|\w*Exception)\b|error:|not found|not set|denied|refused|cannot|can't|undefined|missing|no such|unknown|invalid/i;
/** Lines a test runner or task runner prints around the real error. */
const WRAPPER_LINE = /^(?:FAIL|FAILED|failures?:|tests?:|\[[\w:-]+\] ERROR task failed|exit code|npm ERR! (?:code|errno|path|command)|error Command failed)/i;

function firstErrorLine(output: string | undefined): string | undefined {
  if (!output) return undefined;
  const lines = output.split('\n').map((l) => l.trim()).filter(Boolean);
  // the line that says what went wrong beats the one that only says something did ("FAIL x.test.ts",
  // "[lint] ERROR task failed"): a compiler or linter diagnostic first, then a named error
  const line =
    lines.find((l) => /^\S+:\d+(?::\d+)?:\s/.test(l)) ??
    lines.find((l) => SPECIFIC_ERROR.test(l) && !WRAPPER_LINE.test(l)) ??
    lines.find((l) => /error|fail|exception|not found|denied|refused/i.test(l)) ??
    lines[0];
  return line?.slice(0, 160);
}
