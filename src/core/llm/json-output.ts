import { z } from 'zod';

export type JsonCheck<T> = { ok: true; value: T } | { ok: false; problem: string };

const MAX_ISSUES = 6;

/**
 * Reads one JSON value out of a model's reply and checks it against `schema`. Tolerates what models add
 * around JSON even when told not to (reasoning blocks, code fences, a sentence before or after); anything
 * else is a problem described in words the model can act on in its repair attempt.
 */
export function checkJsonReply<T>(text: string, schema: z.ZodType<T>, finishReason?: string): JsonCheck<T> {
  const cut = finishReason === 'length' ? 'the reply was cut off at the output token limit, so ' : '';
  const candidate = extractJson(text);
  if (candidate === undefined) return { ok: false, problem: `${cut}the reply holds no JSON value` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(candidate);
  } catch (e) {
    return { ok: false, problem: `${cut}the reply is not valid JSON (${(e as Error).message})` };
  }
  const result = schema.safeParse(parsed);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problem: `the JSON does not match the schema: ${describeIssues(result.error.issues)}` };
}

function extractJson(text: string): string | undefined {
  const body = text.replace(/<think>[\s\S]*?<\/think>/g, '').trim();
  const fenced = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/i.exec(body);
  if (fenced) return fenced[1]!.trim();
  if (body.startsWith('{') || body.startsWith('[')) return body;
  const start = body.search(/[{[]/);
  if (start < 0) return undefined;
  const close = body[start] === '{' ? '}' : ']';
  const end = body.lastIndexOf(close);
  return end > start ? body.slice(start, end + 1) : body.slice(start);
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const shown = issues.slice(0, MAX_ISSUES).map((i) => `${formatPath(i.path)}: ${i.message}`);
  const more = issues.length > MAX_ISSUES ? `; and ${issues.length - MAX_ISSUES} more` : '';
  return shown.join('; ') + more;
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');
}

const instructions = new WeakMap<object, string>();

/** Appended to the system prompt: the shape to answer in, as JSON Schema, from the same schema that checks it. */
export function jsonInstruction(schema: z.ZodType): string {
  let text = instructions.get(schema);
  if (text === undefined) {
    text = 'Answer with one JSON value and nothing else: no prose and no code fences.';
    const shape = schemaText(schema);
    if (shape) text += ` It must match this JSON Schema:\n${shape}`;
    instructions.set(schema, text);
  }
  return text;
}

function schemaText(schema: z.ZodType): string | undefined {
  try {
    const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    return JSON.stringify(rest);
  } catch {
    // a schema with parts JSON Schema cannot express still validates; the prompt just says less
    return undefined;
  }
}

/** The follow-up turn of the one repair attempt. */
export function repairInstruction(problem: string): string {
  return `Your reply could not be used: ${problem}. Send the corrected answer now: only the JSON value, matching the schema given before.`;
}
