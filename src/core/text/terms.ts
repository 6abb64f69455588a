/** Words that say nothing about what a request is for. */
const STOPWORDS = new Set(
  (
    'a an the and or but if then else for to of in on at by with from into onto up down out over under is are was were be been ' +
    'being am do does did doing have has had having i me my we our you your he she it its they them their this that these those ' +
    'there here what which who whom whose when where why how all any both each few more most other some such no nor not only own ' +
    'same so than too very can could should would will shall may might must just also please thanks thank ok okay yes yeah sure ' +
    'now let lets let\'s need want like make sure get got use using used help hi hello hey again still one two new file files ' +
    'code something thing things way about after before while because as via per etc want wanna gonna kindly'
  ).split(/\s+/),
);

/** Lower-cased content words (Unicode letters and digits), stop words and very short words dropped. */
export function terms(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}_-]*/gu) ?? []).filter(
    (w) => w.length >= 3 && !STOPWORDS.has(w) && !/^\d+$/.test(w),
  );
}

/** A light English stemmer, enough to make "failing tests" meet "the test fails". */
export function stem(word: string): string {
  for (const suffix of ['ing', 'ies', 'ed', 'es', 's']) {
    if (word.length - suffix.length >= 3 && word.endsWith(suffix) && !word.endsWith('ss')) {
      return suffix === 'ies' ? word.slice(0, -3) + 'y' : word.slice(0, -suffix.length);
    }
  }
  return word;
}

/**
 * The words that set one group of texts apart from all texts: term frequency in the group times the log
 * inverse document frequency over all texts. Ties break alphabetically so output is deterministic.
 */
export function distinctiveTerms(group: readonly string[], all: readonly string[], limit: number): string[] {
  const df = new Map<string, number>();
  for (const text of all) for (const t of new Set(terms(text).map(stem))) df.set(t, (df.get(t) ?? 0) + 1);
  const tf = new Map<string, number>();
  const surface = new Map<string, Map<string, number>>();
  for (const text of group) {
    for (const word of terms(text)) {
      const forms = surface.get(stem(word)) ?? new Map<string, number>();
      forms.set(word, (forms.get(word) ?? 0) + 1);
      surface.set(stem(word), forms);
    }
    for (const t of new Set(terms(text).map(stem))) tf.set(t, (tf.get(t) ?? 0) + 1);
  }
  return [...tf.entries()]
    .map(([t, n]) => ({ t, score: n * Math.log(1 + all.length / (df.get(t) ?? 1)) }))
    .sort((a, b) => b.score - a.score || a.t.localeCompare(b.t))
    .slice(0, limit)
    .map((x) => mostCommon(surface.get(x.t)!));
}

function mostCommon(forms: Map<string, number>): string {
  return [...forms.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
}

/** First line (or sentence) of a text, whitespace folded, cut at `max` characters on a word boundary. */
export function headline(text: string, max = 120): string {
  const first = text.trim().split(/\n\s*\n|\n/)[0] ?? '';
  const folded = first.replace(/\s+/g, ' ').trim();
  if (folded.length <= max) return folded;
  const cut = folded.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut) + '…';
}
