import { asArray, asNumber, asObject, asString, isObject } from '../../values';

/** A tool result as recorded (a string, content items, or `{content, success}`), made text plus an error flag. */
export function toolOutput(raw: unknown): { output?: string; isError?: boolean } {
  if (typeof raw === 'string') return fromString(raw);
  if (Array.isArray(raw)) return { output: contentText(raw) };
  const obj = asObject(raw);
  if (!obj) return {};
  const content = obj.content;
  const result: { output?: string; isError?: boolean } =
    typeof content === 'string' ? fromString(content) : Array.isArray(content) ? { output: contentText(content) } : {};
  if (obj.success === false) result.isError = true;
  else if (obj.success === true && result.isError === undefined) result.isError = false;
  return result;
}

function fromString(s: string): { output?: string; isError?: boolean } {
  // shell results of 2025 builds: a JSON string {"output": "...", "metadata": {"exit_code": n}}
  if (s.startsWith('{"output"')) {
    try {
      const parsed = asObject(JSON.parse(s));
      const output = asString(parsed?.output);
      const code = asNumber(asObject(parsed?.metadata)?.exit_code);
      if (output !== undefined) return code === undefined ? { output } : { output, isError: code !== 0 };
    } catch {
      // not that shape after all
    }
  }
  // unified exec results of 2026 builds report the exit code in a header line
  const code = /^(?:Process exited with code|Exit code:) (-?\d+)$/m.exec(s)?.[1];
  return code === undefined ? { output: s } : { output: s, isError: Number(code) !== 0 };
}

function contentText(items: unknown[]): string {
  return asArray(items)
    .filter(isObject)
    .map((i) => (typeof i.text === 'string' ? i.text : i.type === 'input_image' ? '[image]' : ''))
    .filter((s) => s.length > 0)
    .join('\n');
}
