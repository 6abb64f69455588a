import { isObject } from '../../values';
import { tryParseJson } from '../common/values';

/** Plain text from Cursor's `richText` (a Lexical editor state), for bubbles whose `text` is empty. */
export function lexicalText(richText: unknown): string {
  const root = typeof richText === 'string' ? tryParseJson(richText) : richText;
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (!isObject(node)) return;
    if (typeof node.text === 'string') out.push(node.text);
    if (Array.isArray(node.children)) {
      node.children.forEach(walk);
      if (node.type === 'paragraph') out.push('\n');
    }
    if (isObject(node.root)) walk(node.root);
  };
  walk(root);
  return out.join('').trim();
}
