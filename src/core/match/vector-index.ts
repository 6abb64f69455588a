import { RowMatrix } from './vectors/row-matrix';

/**
 * Unit vectors by skill name, packed in one matrix, so scoring a query against every skill is one SIMD
 * pass over contiguous memory (vectors/row-matrix.ts). Every cosine is exact for every catalog size: at
 * 10,000 skills of 1,536 dimensions a full pass is a few milliseconds. Removal moves the last row into the
 * gap. The sum of all vectors is kept, so the mean pairwise cosine is exact in O(dims).
 */
export class VectorIndex {
  private matrix: RowMatrix | undefined;
  private rows = 0;
  private readonly rowByName = new Map<string, number>();
  private names: string[] = [];
  private sum = new Float64Array(0);

  /** `simd: false` forces the plain-loop scan (tests compare the two). */
  constructor(private readonly options: { simd?: boolean } = {}) {}

  get size(): number {
    return this.rows;
  }

  get dimensions(): number {
    return this.matrix?.dims ?? 0;
  }

  /** Bytes the vectors take (with padding and spare capacity). */
  get bytes(): number {
    return this.matrix?.bytes ?? 0;
  }

  rowOf(name: string): number | undefined {
    return this.rowByName.get(name);
  }

  has(name: string): boolean {
    return this.rowByName.has(name);
  }

  /** Sets a skill's vector (already unit length). All vectors must have one dimension. */
  set(name: string, vector: Float32Array): void {
    if (this.rows === 0 && !this.rowByName.has(name)) this.reset(vector.length);
    const matrix = this.matrix!;
    if (vector.length !== matrix.dims) {
      throw new Error(`embedding of "${name}" has ${vector.length} dimensions; the index holds ${matrix.dims} (mixed embedding models?)`);
    }
    let row = this.rowByName.get(name);
    if (row === undefined) {
      row = this.rows++;
      matrix.reserve(this.rows);
      this.rowByName.set(name, row);
      this.names[row] = name;
    } else this.addToSum(row, -1);
    matrix.setRow(row, vector);
    this.addToSum(row, 1);
  }

  delete(name: string): void {
    const row = this.rowByName.get(name);
    if (row === undefined) return;
    this.addToSum(row, -1);
    const last = --this.rows;
    if (row !== last) {
      this.matrix!.copyRow(last, row);
      const moved = this.names[last];
      this.names[row] = moved;
      this.rowByName.set(moved, row);
    }
    this.names.length = this.rows;
    this.rowByName.delete(name);
  }

  /**
   * Cosine of `query` (unit length) with every skill, in row order, with the names in that order. The
   * values are the index's own buffer: read them before the next query or change.
   */
  cosines(query: Float32Array): { names: readonly string[]; values: Float32Array } {
    if (!this.matrix || query.length !== this.matrix.dims) return { names: this.names, values: new Float32Array(this.rows) };
    return { names: this.names, values: this.matrix.dotAll(query, this.rows) };
  }

  /** The cosine of two skills' vectors; undefined when either has none. */
  cosineBetween(a: string, b: string): number | undefined {
    const ra = this.rowByName.get(a);
    const rb = this.rowByName.get(b);
    return ra !== undefined && rb !== undefined ? this.matrix!.dot(rb, this.matrix!.row(ra)) : undefined;
  }

  /** The mean cosine over all pairs of distinct skills, exact from the sum vector: (|Σv|² − n) / (n(n − 1)). */
  meanPairwiseCosine(): number {
    if (this.rows < 2) return 0;
    let squared = 0;
    for (let i = 0; i < this.sum.length; i++) squared += this.sum[i] * this.sum[i];
    return (squared - this.rows) / (this.rows * (this.rows - 1));
  }

  nameAt(row: number): string {
    return this.names[row];
  }

  /** A copy of a skill's vector. */
  vectorOf(name: string): Float32Array | undefined {
    const row = this.rowByName.get(name);
    return row === undefined ? undefined : this.matrix!.row(row).slice();
  }

  private reset(dims: number): void {
    this.matrix = new RowMatrix(dims, this.options);
    this.sum = new Float64Array(dims);
  }

  private addToSum(row: number, sign: 1 | -1): void {
    const vector = this.matrix!.row(row);
    for (let i = 0; i < vector.length; i++) this.sum[i] += sign * vector[i];
  }
}
