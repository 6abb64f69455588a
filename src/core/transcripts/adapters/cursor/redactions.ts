/** `[REDACTED]` stands where Cursor removed the model's thinking; it is not something the agent said. */
export function withoutRedactions(text: string): string {
  return text
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '[REDACTED]')
    .join('\n\n');
}
