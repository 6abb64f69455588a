import type { ScanDocument } from '../document';
import type { RuleHit, ScanRule } from './rule';

/**
 * What renders: HTML in a skill's Markdown runs or loads something when a viewer renders it (the review
 * panel, a Markdown preview, a git host), and reads as markup to the agent. Outside code it is high when it
 * can act (scripts, frames, objects, forms, meta refresh, styles, event handlers, javascript:/data: links,
 * remote images); layout tags that neither run nor load (`<details>`, `<br>`, `<kbd>`) are medium. Inside a
 * fenced block or an inline code span it is shown as text, never rendered: low.
 */

const ACTIVE_TAG = /<\s*(script|iframe|frame|frameset|object|embed|applet|portal|svg|math)(?=[\s>/])/gi;
// also common as placeholders ("open <link>"): markup only with an attribute, or as a closing tag
const ACTIVE_WITH_ATTR = /<\s*(?:form|meta|base|link|style|noscript|template)\s+[\w:-]+\s*=|<\s*\/\s*(?:form|style|noscript|template)\s*>/gi;
const EVENT_HANDLER = /<\s*[a-z][\w:-]*\b[^>]*?[\s"'/]on[a-z]{3,}\s*=/gi;
const RISKY_ATTR = /<\s*[a-z][\w:-]*\b[^>]*?\s(?:srcdoc|formaction|style\s*=\s*["'][^"']*(?:url\(|expression\())/gi;
const LAYOUT_TAG = /<\s*\/?\s*(div|span|p|a|b|i|u|em|strong|small|big|sub|sup|kbd|br|hr|details|summary|table|thead|tbody|tr|td|th|ul|ol|li|dl|dt|dd|h[1-6]|center|font|pre|blockquote|abbr|mark|ins|del|button|input|textarea|select|label|picture|img|video|audio|canvas|dialog|marquee)(?=[\s>/])[^<>\n]*>/gi;

const SCHEME = String.raw`\s*(?:javascript|vbscript|livescript|data(?!:image\/(?:png|gif|jpe?g|webp|avif|bmp)[;,]))\s*:`;
const UNSAFE_LINKS: RegExp[] = [
  new RegExp(String.raw`\]\(\s*<?${SCHEME}`, 'gi'),
  new RegExp(String.raw`^\s{0,3}\[[^\]\n]+\]:\s*<?${SCHEME}`, 'gim'),
  new RegExp(String.raw`<${SCHEME}`, 'gi'),
  new RegExp(String.raw`\s(?:href|src|action|formaction|xlink:href|data|poster|background)\s*=\s*["']?${SCHEME}`, 'gi'),
];

const REMOTE = String.raw`(?:https?:)?\/\/`;
const REMOTE_IMAGES: RegExp[] = [
  new RegExp(String.raw`!\[[^\]\n]*\]\(\s*<?${REMOTE}`, 'gi'),
  new RegExp(String.raw`<\s*(?:img|image|video|audio|source|input|track|picture)\b[^>]*?\s(?:src|srcset|href|xlink:href|poster|data-src)\s*=\s*["']?\s*${REMOTE}`, 'gi'),
  new RegExp(String.raw`\burl\(\s*["']?${REMOTE}`, 'gi'),
];
const IMAGE_REF = /!\[[^\]\n]*\]\[([^\]\n]*)\]/g;
const REF_DEF = /^\s{0,3}\[([^\]\n]+)\]:\s*<?((?:https?:)?\/\/\S+)/gim;

/** The raw lines with inline code spans blanked (same length, so columns still point into the raw line). */
function withoutInlineCode(line: string): string {
  return line.replace(/(`+)(?:(?!\1)[^\n])+?\1/g, (m) => ' '.repeat(m.length));
}

/** Numeric and named character references decoded, so `jav&#x61;script:` reads as what a browser sees. */
function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(Math.min(parseInt(h, 16), 0x10ffff)))
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Math.min(parseInt(d, 10), 0x10ffff)))
    .replace(/&(?:colon|Tab|NewLine);/gi, (m) => ({ '&colon;': ':', '&tab;': '\t', '&newline;': '\n' })[m.toLowerCase()] ?? m);
}

type Check = (line: string) => number | undefined;

function firstMatch(patterns: RegExp[]): Check {
  return (line) => {
    for (const re of patterns) {
      re.lastIndex = 0;
      const m = re.exec(line);
      if (m) return m.index;
    }
    return undefined;
  };
}

/** One hit per line: high outside code, `inCode` where the line is fenced or the match sits in inline code. */
function lineHits(doc: ScanDocument, check: Check, outside: 'high' | 'medium' = 'high'): RuleHit[] {
  const hits: RuleHit[] = [];
  doc.lines.forEach((raw, i) => {
    const line = decodeEntities(raw);
    const at = check(line);
    if (at === undefined) return;
    const prose = doc.fenced[i] ? undefined : check(withoutInlineCode(line));
    hits.push({ line: i + 1, column: prose ?? at, severity: prose === undefined ? 'low' : outside });
  });
  return hits;
}

function remoteImageHits(doc: ScanDocument): RuleHit[] {
  const hits = lineHits(doc, firstMatch(REMOTE_IMAGES));
  // reference-style images: ![alt][ref] with [ref]: https://…
  const refs = new Map([...doc.raw.matchAll(REF_DEF)].map((m) => [m[1].toLowerCase(), m[2]]));
  doc.lines.forEach((raw, i) => {
    if (doc.fenced[i]) return;
    for (const m of withoutInlineCode(raw).matchAll(IMAGE_REF)) {
      const key = (m[1] || '').toLowerCase();
      if (refs.has(key)) hits.push({ line: i + 1, column: m.index, severity: 'high' });
    }
  });
  return hits;
}

export const activeHtml: ScanRule = {
  id: 'active-html',
  severity: 'high',
  summary: 'HTML that runs or loads when rendered: <script>, <iframe>, <object>, <form>, <meta>, <style>, event handlers (onerror= …); layout tags are medium, HTML in code is low',
  kinds: ['prose'],
  check: (doc) => [...lineHits(doc, firstMatch([ACTIVE_TAG, ACTIVE_WITH_ATTR, EVENT_HANDLER, RISKY_ATTR])), ...lineHits(doc, firstMatch([LAYOUT_TAG]), 'medium')],
};

export const unsafeLink: ScanRule = {
  id: 'unsafe-link',
  severity: 'high',
  summary: 'a javascript:, vbscript: or data: link (an inline png/gif/jpeg/webp image is not one)',
  kinds: ['prose'],
  check: (doc) => lineHits(doc, firstMatch(UNSAFE_LINKS)),
};

export const remoteImage: ScanRule = {
  id: 'remote-image',
  severity: 'high',
  summary: 'an image (Markdown, HTML or CSS url()) loaded from another host when the skill is rendered: it tells that host who read it, and when',
  kinds: ['prose'],
  check: remoteImageHits,
};
