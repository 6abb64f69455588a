/**
 * An error a user can act on: it says what failed, where, and (when known) what to do.
 * Everything the CLI and the extension show to people is one of these; anything else is a bug.
 */
export class SkillsmithError extends Error {
  constructor(
    message: string,
    readonly where?: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'SkillsmithError';
  }

  /** One line: `where: message (hint)`. */
  describe(): string {
    const head = this.where ? `${this.where}: ${this.message}` : this.message;
    return this.hint ? `${head} (${this.hint})` : head;
  }
}

export function describeError(e: unknown): string {
  if (e instanceof SkillsmithError) return e.describe();
  if (e instanceof Error) return e.message;
  return String(e);
}
