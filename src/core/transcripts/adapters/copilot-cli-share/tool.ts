import type { ToolCall } from '../../model';
import { isObject } from '../../values';
import { tryParseJson } from '../common/values';
import { nextFence, trimBlank } from './blocks';

/**
 * One tool block: `### ✅ \`bash\`` (or ❌ for a call that failed), then in the early 2026 layout a bold
 * description, the `$ command` or the path it worked on, and the result in a code block (often inside
 * `<details><summary>12 lines</summary>`); later exports give the arguments as JSON under
 * `<summary>Arguments</summary>` and the result as `{"content": …, "detailedContent": …}`.
 * A shell result ends `<exited with exit code N>`: a non-zero code is a failed call too.
 */
export function toolCall(name: string, failed: boolean, body: readonly string[]): ToolCall {
  const parts = toolParts(body);
  const call: ToolCall = { name, input: parts.args ?? fallbackInput(parts) };
  if (parts.output !== undefined) call.output = parts.output;
  if (failed || exitCode(parts.output) > 0) call.isError = true;
  return call;
}

interface ToolParts {
  description?: string;
  command?: string;
  path?: string;
  args?: unknown;
  output?: string;
}

function toolParts(body: readonly string[]): ToolParts {
  const parts: ToolParts = {};
  let summary: string | undefined;
  let command: string[] | undefined;
  for (let i = 0; i < body.length; i++) {
    const line = body[i]!;
    const fence = nextFence(line, undefined);
    if (fence !== undefined) {
      const inner: string[] = [];
      for (i++; i < body.length && nextFence(body[i]!, fence) !== undefined; i++) inner.push(body[i]!);
      takeFenced(parts, inner.join('\n'), summary === 'Arguments');
      continue;
    }
    const t = line.trim();
    const sum = /^<summary>(.*)<\/summary>$/.exec(t);
    if (sum) summary = sum[1]!.trim();
    else if (t === '</details>') summary = undefined;
    else if (command !== undefined && t !== '' && !t.startsWith('<')) command.push(line);
    else if (t === '') command = closeCommand(parts, command);
    else if (/^\*\*.+\*\*$/.test(t) && parts.description === undefined) parts.description = t.slice(2, -2).replace(/\.$/, '').trim();
    else if (t.startsWith('$ ') && parts.command === undefined) command = [t.slice(2)];
    else if (!t.startsWith('<') && parts.path === undefined && parts.command === undefined) parts.path = t;
  }
  closeCommand(parts, command);
  return parts;
}

function closeCommand(parts: ToolParts, command: string[] | undefined): undefined {
  if (command && parts.command === undefined) parts.command = command.join('\n').trim();
  return undefined;
}

/** Arguments (JSON) or the result; a result given as `{content, detailedContent}` is its content. */
function takeFenced(parts: ToolParts, text: string, isArguments: boolean): void {
  const json = tryParseJson(text);
  if (isArguments && json !== undefined) {
    parts.args = json;
    return;
  }
  parts.output = isObject(json) && typeof json.content === 'string' ? json.content : trimBlank(text.split('\n')).join('\n');
}

function fallbackInput(parts: ToolParts): Record<string, string> {
  const input: Record<string, string> = {};
  if (parts.description) input.description = parts.description;
  if (parts.command !== undefined) input.command = parts.command;
  else if (parts.path !== undefined) input.path = parts.path;
  return input;
}

function exitCode(output: string | undefined): number {
  const m = output ? /<exited with exit code (\d+)>\s*$/.exec(output) : null;
  return m ? Number(m[1]) : 0;
}
