/**
 * Large JSON (trajectories, reader states) is bound as UTF-8 bytes: sql.js copies bytes in one move where
 * it encodes a long string character by character. The columns are declared TEXT; SQLite keeps a bound
 * BLOB as it is, and the bytes are the same UTF-8 a string would have been.
 */
export function utf8Bytes(text: string): Uint8Array {
  return Buffer.from(text, 'utf8');
}

/** The text of a column written by `utf8Bytes` (or as a plain string). */
export function utf8Text(value: unknown): string {
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');
  return String(value);
}
