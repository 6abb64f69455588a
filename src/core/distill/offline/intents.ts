import MiniSearch from 'minisearch';
import { stem, terms } from '../../text/terms';

export interface IntentText {
  id: string;
  text: string;
}

/**
 * Groups texts that ask for the same thing. Each text is searched (BM25) against all the others; two are
 * linked when the other's score is at least `minRelative` of the text's score against itself, which puts
 * every query on the same 0..1 scale whatever its length. Groups are the connected components. The bar is
 * low on purpose: a group only becomes a skill if its members also share a tool workflow.
 */
export function groupByIntent(items: readonly IntentText[], minRelative = 0.2): string[][] {
  const index = new MiniSearch<IntentText>({
    fields: ['text'],
    storeFields: [],
    tokenize: (s) => terms(s).map(stem),
    processTerm: (t) => t,
  });
  index.addAll(items);
  const parent = new Map(items.map((i) => [i.id, i.id]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const item of items) {
    // each distinct word once, so a long request does not outscore itself by repetition
    const query = [...new Set(terms(item.text).map(stem))].join(' ');
    if (!query) continue;
    const hits = index.search(query, { combineWith: 'OR' });
    const self = hits.find((h) => h.id === item.id)?.score;
    if (!self) continue;
    for (const h of hits) {
      if (h.id !== item.id && h.score / self >= minRelative) parent.set(find(String(h.id)), find(item.id));
    }
  }
  const groups = new Map<string, string[]>();
  for (const item of items) {
    const root = find(item.id);
    groups.set(root, [...(groups.get(root) ?? []), item.id]);
  }
  return [...groups.values()].sort((a, b) => b.length - a.length || a[0].localeCompare(b[0]));
}
