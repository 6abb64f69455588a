import { createHash } from 'node:crypto';
import type { SqlRunner } from '../../store/statements';

/** Vectors by the hash of (model, text): a skill whose embedded text did not change is never embedded again. */
export interface EmbeddingCache {
  get(key: string): Float32Array | undefined;
  put(key: string, model: string, vector: Float32Array): void;
}

export function embeddingKey(model: string, text: string): string {
  return createHash('sha256').update(model).update('\0').update(text).digest('hex');
}

export class MemoryEmbeddingCache implements EmbeddingCache {
  private readonly map = new Map<string, Float32Array>();
  get(key: string): Float32Array | undefined {
    return this.map.get(key);
  }
  put(key: string, _model: string, vector: Float32Array): void {
    this.map.set(key, vector);
  }
}

/** The cache in the state store (`skill_embeddings`), shared by the CLI and the extension. */
export class StoreEmbeddingCache implements EmbeddingCache {
  constructor(
    private readonly db: SqlRunner,
    private readonly writable = true,
  ) {}

  get(key: string): Float32Array | undefined {
    const row = this.db.get<{ vector: Uint8Array; dims: number }>('SELECT vector, dims FROM skill_embeddings WHERE key = ?', [key]);
    if (!row || row.vector.byteLength !== row.dims * 4) return undefined;
    // copy: the row's bytes may not be 4-byte aligned
    return new Float32Array(new Uint8Array(row.vector).buffer);
  }

  put(key: string, model: string, vector: Float32Array): void {
    if (!this.writable) return;
    const bytes = new Uint8Array(vector.buffer.slice(vector.byteOffset, vector.byteOffset + vector.byteLength));
    this.db.run('INSERT OR REPLACE INTO skill_embeddings (key, model, dims, vector, created_at) VALUES (?, ?, ?, ?, ?)', [
      key,
      model,
      vector.length,
      bytes,
      new Date().toISOString(),
    ]);
  }
}
