import { simdDots, type DotsFunction } from './simd-dots';

/**
 * Float32 rows of one length, packed one after another in a WebAssembly memory so that the dot product of
 * a query with every row is one SIMD pass (simd-dots.ts); a plain loop where SIMD is unavailable, over a
 * plain buffer where WebAssembly itself is (as under --jitless). Rows are padded with zeros to a multiple
 * of 8 floats; padding adds nothing to a dot product.
 *
 * Memory layout: the query (one row), then the rows, then one output float per row.
 */
export class RowMatrix {
  readonly stride: number;
  private readonly memory: WebAssembly.Memory | undefined;
  private buffer: ArrayBuffer;
  private readonly kernel: DotsFunction | undefined;
  private capacity = 0;
  private query = new Float32Array(0);
  private data = new Float32Array(0);
  private out = new Float32Array(0);

  /** `simd: false` forces the plain loop (tests compare the two). */
  constructor(
    readonly dims: number,
    options: { simd?: boolean } = {},
  ) {
    this.stride = Math.max(8, Math.ceil(dims / 8) * 8);
    this.memory = typeof WebAssembly === 'undefined' ? undefined : new WebAssembly.Memory({ initial: 1 });
    this.buffer = this.memory?.buffer ?? new ArrayBuffer(0);
    this.kernel = options.simd === false || !this.memory ? undefined : simdDots(this.memory);
    this.reserve(16);
  }

  get simd(): boolean {
    return this.kernel !== undefined;
  }

  /** Bytes of memory the rows, query and outputs take. */
  get bytes(): number {
    return this.buffer.byteLength;
  }

  /** Room for at least `rows` rows; rows already written keep their values. */
  reserve(rows: number): void {
    if (rows <= this.capacity) return;
    // small steps: a WebAssembly memory never shrinks, so spare room stays taken
    const capacity = Math.max(rows, Math.ceil(this.capacity * 1.25));
    const needed = 4 * (this.stride + capacity * this.stride + capacity);
    if (this.memory) {
      const pages = Math.ceil(needed / PAGE) - this.memory.buffer.byteLength / PAGE;
      if (pages > 0) this.memory.grow(pages);
      this.buffer = this.memory.buffer;
    } else {
      const buffer = new ArrayBuffer(needed);
      new Float32Array(buffer).set(this.data, this.stride);
      this.buffer = buffer;
    }
    this.capacity = capacity;
    this.view();
  }

  setRow(row: number, vector: ArrayLike<number>): void {
    const base = row * this.stride;
    this.data.set(vector, base);
    this.data.fill(0, base + this.dims, base + this.stride);
  }

  copyRow(from: number, to: number): void {
    this.data.copyWithin(to * this.stride, from * this.stride, (from + 1) * this.stride);
  }

  /** A view of one row (without padding); valid until the matrix grows. */
  row(row: number): Float32Array {
    return this.data.subarray(row * this.stride, row * this.stride + this.dims);
  }

  /** `vector` · row `row`, in float64 (for one-off comparisons, not scans). */
  dot(row: number, vector: ArrayLike<number>): number {
    const base = row * this.stride;
    let sum = 0;
    for (let i = 0; i < this.dims; i++) sum += this.data[base + i] * vector[i];
    return sum;
  }

  /**
   * The dot product of `query` (`dims` long) with each of the first `rows` rows. The returned array is
   * the matrix's own output buffer: read it before the next call or change.
   */
  dotAll(query: ArrayLike<number>, rows: number): Float32Array {
    const out = this.out.subarray(0, rows);
    this.query.set(query);
    if (this.kernel) this.kernel(this.data.byteOffset, this.query.byteOffset, this.stride * 4, rows, out.byteOffset);
    else plainDots(this.data, this.query, this.stride, out);
    return out;
  }

  private view(): void {
    const buffer = this.buffer;
    this.query = new Float32Array(buffer, 0, this.stride);
    this.data = new Float32Array(buffer, 4 * this.stride, this.capacity * this.stride);
    this.out = new Float32Array(buffer, 4 * (this.stride + this.capacity * this.stride), this.capacity);
  }
}

const PAGE = 65_536;

function plainDots(data: Float32Array, query: Float32Array, stride: number, out: Float32Array): void {
  for (let r = 0, base = 0; r < out.length; r++, base += stride) {
    let a = 0;
    let b = 0;
    for (let i = 0; i < stride; i += 2) {
      a += data[base + i] * query[i];
      b += data[base + i + 1] * query[i + 1];
    }
    out[r] = a + b;
  }
}
