import { FEEDBACK_PATTERNS, type FeedbackKind, type FeedbackLanguage } from './feedback-patterns';

export type { FeedbackKind, FeedbackLanguage } from './feedback-patterns';
export { FEEDBACK_LANGUAGES } from './feedback-patterns';

/**
 * Implicit feedback in a user turn: a correction or rejection of what the agent just did, in one of the
 * languages of feedback-patterns.ts, or the same request made again.
 */
export interface FeedbackSignal {
  kind: FeedbackKind;
  /** 0..1: how sure a match of this phrase is feedback on the agent's last move. */
  confidence: number;
  /** The words that matched (for a repetition, the earlier message it repeats, shortened). */
  phrase: string;
  /** The language of the phrase; absent for a repetition, which is found by overlap, not by words. */
  language?: FeedbackLanguage;
}

/** Two messages this alike (Jaccard over their words, or character pairs for CJK) are one request asked twice. */
export const REPETITION_SIMILARITY = 0.8;
const REPETITION_CONFIDENCE = 0.75;
/** Earlier user messages compared for a repetition, most recent first. */
const REPETITION_WINDOW = 3;
const MIN_REPEATED_TOKENS = 3;

/**
 * The strongest feedback in `text`, or undefined. `previous` (earlier user messages, oldest first) lets a
 * repeated request count as feedback too: asking again means the first answer did not do it.
 */
export function detectFeedback(text: string, previous: readonly string[] = []): FeedbackSignal | undefined {
  const lowered = text.toLowerCase().normalize('NFKC');
  let best: FeedbackSignal | undefined;
  for (const p of FEEDBACK_PATTERNS) {
    if (best && p.confidence <= best.confidence) continue;
    const m = p.re.exec(lowered);
    if (m) best = { kind: p.kind, confidence: p.confidence, phrase: m[0].trim(), language: p.language };
  }
  const repeated = repetitionOf(lowered, previous);
  if (repeated && (!best || REPETITION_CONFIDENCE > best.confidence)) return repeated;
  return best;
}

function repetitionOf(lowered: string, previous: readonly string[]): FeedbackSignal | undefined {
  const mine = tokensOf(lowered);
  if (mine.size < MIN_REPEATED_TOKENS) return undefined;
  for (const earlier of previous.slice(-REPETITION_WINDOW).reverse()) {
    if (jaccard(mine, tokensOf(earlier.toLowerCase().normalize('NFKC'))) >= REPETITION_SIMILARITY) {
      return { kind: 'repetition', confidence: REPETITION_CONFIDENCE, phrase: earlier.trim().slice(0, 80) };
    }
  }
  return undefined;
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Words for space-separated scripts; overlapping character pairs for scripts written without spaces. */
function tokensOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text.match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (!CJK.test(word)) {
      out.add(word);
      continue;
    }
    const chars = [...word];
    if (chars.length === 1) out.add(word);
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  }
  return out;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}
