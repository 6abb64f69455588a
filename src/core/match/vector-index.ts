/**
 * Unit vectors by skill name in one packed array, so scoring a query against every skill is one tight
 * loop. Removal moves the last row into the gap.
 *
 * Large catalogs of long vectors also keep a sketch of every vector: a fixed random projection to 128
 * dimensions, which preserves cosines up to a small error. A query then scores all sketches (cheap), and computes exact
 * cosines only for a shortlist: the best sketches plus any rows the caller names (its BM25 hits). The sum
 * of all vectors is kept too, so the mean cosine of a query with the whole catalog is exact in O(dims).
 */
export class VectorIndex {
  private data = new Float32Array(0);
  private sketches = new Float32Array(0);
  private rows = 0;
  private readonly rowByName = new Map<string, number>();
  private names: string[] = [];
  private dims = 0;
  private sum = new Float64Array(0);
  private projection: Float32Array | undefined;

  /** `exactScanLimit`: multiply-adds a query may spend on a full exact scan before the shortlist takes over. */
  constructor(private readonly exactScanLimit = SKETCH_FROM_OPS) {}

  get size(): number {
    return this.rows;
  }

  get dimensions(): number {
    return this.dims;
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
    if (vector.length !== this.dims) {
      throw new Error(`embedding of "${name}" has ${vector.length} dimensions; the index holds ${this.dims} (mixed embedding models?)`);
    }
    let row = this.rowByName.get(name);
    if (row === undefined) {
      row = this.rows++;
      this.grow();
      this.rowByName.set(name, row);
      this.names[row] = name;
    } else this.addToSum(row, -1);
    this.data.set(vector, row * this.dims);
    this.addToSum(row, 1);
    this.sketchRow(row);
  }

  delete(name: string): void {
    const row = this.rowByName.get(name);
    if (row === undefined) return;
    this.addToSum(row, -1);
    const last = --this.rows;
    if (row !== last) {
      this.data.copyWithin(row * this.dims, last * this.dims, (last + 1) * this.dims);
      this.sketches.copyWithin(row * SKETCH_DIMS, last * SKETCH_DIMS, (last + 1) * SKETCH_DIMS);
      const moved = this.names[last];
      this.names[row] = moved;
      this.rowByName.set(moved, row);
    }
    this.names.length = this.rows;
    this.rowByName.delete(name);
  }

  /** Cosine of `query` (unit length) with every skill, in row order, with the names in that order. */
  cosines(query: Float32Array): { names: readonly string[]; values: Float32Array } {
    const values = new Float32Array(this.rows);
    if (query.length !== this.dims) return { names: this.names, values };
    for (let r = 0; r < this.rows; r++) values[r] = this.dot(r, query);
    return { names: this.names, values };
  }

  /** The exact mean cosine of `query` with every skill, from the sum of the vectors. */
  meanCosine(query: Float32Array): number {
    if (this.rows === 0 || query.length !== this.dims) return 0;
    let dot = 0;
    for (let i = 0; i < this.dims; i++) dot += this.sum[i] * query[i];
    return dot / this.rows;
  }

  /** The cosine of two skills' vectors; undefined when either has none. */
  cosineBetween(a: string, b: string): number | undefined {
    const va = this.vectorOf(a);
    const rb = this.rowByName.get(b);
    return va && rb !== undefined ? this.dot(rb, va) : undefined;
  }

  /** The mean cosine over all pairs of distinct skills, exact from the sum vector: (|Σv|² − n) / (n(n − 1)). */
  meanPairwiseCosine(): number {
    if (this.rows < 2) return 0;
    let squared = 0;
    for (let i = 0; i < this.dims; i++) squared += this.sum[i] * this.sum[i];
    return (squared - this.rows) / (this.rows * (this.rows - 1));
  }

  /** Whether queries go through `shortlist`: only when a full scan would be long (many skills, long vectors). */
  get sketched(): boolean {
    return this.projection !== undefined && this.rows * this.dims >= this.exactScanLimit;
  }

  /**
   * Exact cosines for the `m` rows whose sketches are closest to `query`, plus the rows in `also`;
   * rows in no particular order.
   */
  shortlist(query: Float32Array, m: number, also: Iterable<number>): { rows: number[]; values: Float32Array } {
    const wanted = new Set<number>(also);
    if (this.projection && query.length === this.dims) {
      const q = this.project(query);
      const sketches = this.sketches;
      const scores = new Float32Array(this.rows);
      for (let r = 0, base = 0; r < scores.length; r++, base += SKETCH_DIMS) {
        let a = 0;
        let b = 0;
        for (let i = 0; i < SKETCH_DIMS; i += 2) {
          a += sketches[base + i] * q[i];
          b += sketches[base + i + 1] * q[i + 1];
        }
        scores[r] = a + b;
      }
      const best = new BoundedMax(m);
      for (let r = 0; r < scores.length; r++) best.offer(scores[r], r);
      for (const r of best.rows()) wanted.add(r);
    }
    const rows = [...wanted].filter((r) => r < this.rows);
    const values = new Float32Array(rows.length);
    if (query.length === this.dims) rows.forEach((r, i) => (values[i] = this.dot(r, query)));
    return { rows, values };
  }

  nameAt(row: number): string {
    return this.names[row];
  }

  vectorOf(name: string): Float32Array | undefined {
    const row = this.rowByName.get(name);
    return row === undefined ? undefined : this.data.subarray(row * this.dims, (row + 1) * this.dims);
  }

  private dot(row: number, query: Float32Array): number {
    const d = this.dims;
    const data = this.data;
    const base = row * d;
    let a = 0;
    let b = 0;
    let i = 0;
    // two accumulators: the adds of neighbouring elements do not wait on each other
    for (; i + 1 < d; i += 2) {
      a += data[base + i] * query[i];
      b += data[base + i + 1] * query[i + 1];
    }
    if (i < d) a += data[base + i] * query[i];
    return a + b;
  }

  private reset(dims: number): void {
    this.dims = dims;
    this.sum = new Float64Array(dims);
    this.data = new Float32Array(0);
    this.sketches = new Float32Array(0);
    this.projection = dims > 2 * SKETCH_DIMS ? gaussianProjection(SKETCH_DIMS, dims) : undefined;
  }

  private addToSum(row: number, sign: 1 | -1): void {
    const base = row * this.dims;
    for (let i = 0; i < this.dims; i++) this.sum[i] += sign * this.data[base + i];
  }

  private project(vector: ArrayLike<number>): Float32Array {
    const p = this.projection!;
    const out = new Float32Array(SKETCH_DIMS);
    for (let k = 0; k < SKETCH_DIMS; k++) {
      let dot = 0;
      const base = k * this.dims;
      for (let i = 0; i < this.dims; i++) dot += p[base + i] * vector[i];
      out[k] = dot;
    }
    return out;
  }

  private sketchRow(row: number): void {
    if (!this.projection) return;
    this.sketches.set(this.project(this.data.subarray(row * this.dims, (row + 1) * this.dims)), row * SKETCH_DIMS);
  }

  private grow(): void {
    if (this.rows * this.dims <= this.data.length) return;
    const capacity = Math.max(this.rows, (this.data.length / Math.max(1, this.dims)) * 2, 16);
    const data = new Float32Array(capacity * this.dims);
    data.set(this.data);
    this.data = data;
    const sketches = new Float32Array(capacity * SKETCH_DIMS);
    sketches.set(this.sketches);
    this.sketches = sketches;
  }
}

const SKETCH_DIMS = 128;
/**
 * Below this many multiply-adds a full exact scan is cheap (about 10,000 skills at 256 dimensions, 2,600
 * at 1,536), and every cosine is exact. Above it, the shortlist: a ranking can then differ from the exact
 * one between skills whose scores are nearly equal (bench/match.ts reports how often).
 */
export const SKETCH_FROM_OPS = 4_000_000;

/** A fixed Gaussian projection (scaled by 1/√k), from a seeded generator so every run sketches alike. */
function gaussianProjection(k: number, dims: number): Float32Array {
  let state = 0x9e3779b9;
  const uniform = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) + 0.5) / 4294967296;
  };
  const out = new Float32Array(k * dims);
  for (let i = 0; i < out.length; i++) out[i] = (Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform())) / Math.sqrt(k);
  return out;
}

/** The rows of the `m` largest values offered. */
class BoundedMax {
  private readonly values: number[] = [];
  private readonly ids: number[] = [];

  constructor(private readonly m: number) {}

  offer(value: number, id: number): void {
    const n = this.values.length;
    if (n === this.m && value <= this.values[n - 1]) return;
    let i = n === this.m ? n - 1 : n;
    while (i > 0 && this.values[i - 1] < value) {
      this.values[i] = this.values[i - 1];
      this.ids[i] = this.ids[i - 1];
      i--;
    }
    this.values[i] = value;
    this.ids[i] = id;
  }

  rows(): number[] {
    return this.ids.slice(0, this.values.length);
  }
}
