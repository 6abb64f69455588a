import { redactTexts } from './redact-many';
import { redactText } from './redact-text';

/**
 * The distinct strings met in a walk, redacted together once all are known: a string is redacted the same
 * wherever it stands, so each distinct one is redacted once, however often it repeats.
 */
export class StringTable {
  private readonly index = new Map<string, number>();
  private readonly texts: string[] = [];

  readonly add = (s: string): void => {
    if (this.index.has(s)) return;
    this.index.set(s, this.texts.length);
    this.texts.push(s);
  };

  /** Maps each added string to its redacted form (a string never added is redacted on its own). */
  redactor(): (s: string) => string {
    const redacted = redactTexts(this.texts);
    return (s) => {
      const i = this.index.get(s);
      return i === undefined ? redactText(s) : redacted[i]!;
    };
  }
}
