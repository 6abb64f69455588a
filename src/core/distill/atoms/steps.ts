import { basename, extname } from 'node:path';
import type { ToolCall } from '../../transcripts/model';
import type { Step } from './types';

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

/** Programs whose first argument (or two) says what the command does. */
const SUBCOMMAND_PROGRAMS = new Set([
  'npm', 'npx', 'pnpm', 'yarn', 'bun', 'git', 'cargo', 'go', 'docker', 'kubectl', 'pip', 'pip3', 'poetry',
  'uv', 'make', 'gh', 'dotnet', 'mvn', 'gradle', './gradlew', 'python', 'python3', 'node', 'deno', 'terraform', 'helm',
]);
const TWO_LEVEL = new Set(['npm run', 'pnpm run', 'yarn run', 'bun run', 'python -m', 'python3 -m', 'npx', 'uv run']);

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

/** `cd app && FOO=1 npm run build -- --watch` → `npm run build`. */
export function commandHead(command: string): string | undefined {
  const segments = command.split(/&&|\|\||;|\n/).map((s) => s.trim()).filter(Boolean);
  const main = segments.find((s) => !/^(cd|export|source|\.)\s/.test(s) && !/^cd$/.test(s)) ?? segments[0];
  if (!main) return undefined;
  const words = main
    .split(/\s+/)
    .filter((w) => !/^[A-Z_][A-Z0-9_]*=/.test(w))
    .filter((w, i) => !(i === 0 && (w === 'sudo' || w === 'time')));
  const program = words[0];
  if (!program || !/^[\w./@-]+$/.test(program)) return undefined;
  const args = words.slice(1).filter((w) => !w.startsWith('-') || w === '-m');
  if (!SUBCOMMAND_PROGRAMS.has(program) || args.length === 0) return program;
  const two = `${program} ${args[0]}`;
  if (TWO_LEVEL.has(two) && args[1]) return `${two} ${args[1]}`;
  if (TWO_LEVEL.has(program) && args[0]) return `${program} ${args[0]}`;
  return /^[\w:.-]+$/.test(args[0]) ? two : program;
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

function firstErrorLine(output: string | undefined): string | undefined {
  if (!output) return undefined;
  const lines = output.split('\n').map((l) => l.trim()).filter(Boolean);
  const line = lines.find((l) => /error|fail|exception|not found|denied|refused/i.test(l)) ?? lines[0];
  return line?.slice(0, 160);
}
