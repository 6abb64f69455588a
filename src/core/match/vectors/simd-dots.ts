/**
 * One WebAssembly function, `dots`, that writes the dot product of a query with each of `rows` float32 rows
 * laid out one after another in its memory. V8 does not vectorise a JavaScript loop, so at 10,000 skills of
 * 256 to 1,536 dimensions the plain loop was most of a fused query's time; 128-bit SIMD (8 lanes a step)
 * does the same sums about six times faster. The module is a few dozen bytes assembled below.
 *
 * Rows must be a multiple of 8 floats long (zero-padded) and 16-byte aligned. Products are float32 and
 * summed in float32 over 8 lanes, then the lanes are added: for unit vectors of up to 1,536 dimensions the
 * result is within 1e-5 of the exact cosine (test/core/match/vectors.test.ts checks against float64).
 */
export type DotsFunction = (dataPtr: number, queryPtr: number, rowBytes: number, rows: number, outPtr: number) => void;

/** The SIMD kernel over `memory`, or undefined where WebAssembly SIMD is not available. */
export function simdDots(memory: WebAssembly.Memory): DotsFunction | undefined {
  if (!WebAssembly.validate(MODULE)) return undefined;
  try {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(MODULE), { env: { memory } });
    return instance.exports.dots as DotsFunction;
  } catch {
    return undefined;
  }
}

// ---- the module -----------------------------------------------------------------------------------------

const I32 = 0x7f;
const V128 = 0x7b;
const op = {
  block: 0x02,
  loop: 0x03,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  get: 0x20,
  set: 0x21,
  tee: 0x22,
  f32Store: 0x38,
  i32Const: 0x41,
  i32Eqz: 0x45,
  i32LtU: 0x49,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  f32Add: 0x92,
  void: 0x40,
} as const;
const simd = (code: number) => [0xfd, ...leb128(code)];
const v128Load = (offset: number) => [...simd(0x00), 4, ...leb128(offset)];
const v128Zero = [...simd(0x0c), ...new Array<number>(16).fill(0)];
const f32x4Add = simd(0xe4);
const f32x4Mul = simd(0xe6);
const f32x4Lane = (lane: number) => [...simd(0x1f), lane];

// locals: 0 data, 1 query, 2 rowBytes, 3 rows, 4 out (params); 5 q, 6 rowEnd (i32); 7, 8 accumulators (v128)
const [DATA, QUERY, ROW_BYTES, ROWS, OUT, Q, ROW_END, ACC0, ACC1] = [0, 1, 2, 3, 4, 5, 6, 7, 8];

/** acc += data[offset..] * q[offset..], four lanes. */
const multiplyAdd = (acc: number, offset: number) => [
  op.get, acc, op.get, DATA, ...v128Load(offset), op.get, Q, ...v128Load(offset), ...f32x4Mul, ...f32x4Add, op.set, acc,
];
const advance = (local: number, bytes: number) => [op.get, local, op.i32Const, ...leb128(bytes), op.i32Add, op.set, local];

const BODY = [
  op.block, op.void,
  op.loop, op.void,
  op.get, ROWS, op.i32Eqz, op.brIf, 1,
  ...v128Zero, op.set, ACC0,
  ...v128Zero, op.set, ACC1,
  op.get, DATA, op.get, ROW_BYTES, op.i32Add, op.set, ROW_END,
  op.get, QUERY, op.set, Q,
  op.loop, op.void,
  ...multiplyAdd(ACC0, 0),
  ...multiplyAdd(ACC1, 16),
  ...advance(Q, 32),
  ...advance(DATA, 32),
  op.get, DATA, op.get, ROW_END, op.i32LtU, op.brIf, 0,
  op.end,
  op.get, OUT,
  op.get, ACC0, op.get, ACC1, ...f32x4Add, op.tee, ACC0, ...f32x4Lane(0),
  op.get, ACC0, ...f32x4Lane(1), op.f32Add,
  op.get, ACC0, ...f32x4Lane(2), op.f32Add,
  op.get, ACC0, ...f32x4Lane(3), op.f32Add,
  op.f32Store, 2, 0,
  ...advance(OUT, 4),
  op.get, ROWS, op.i32Const, 1, op.i32Sub, op.set, ROWS,
  op.br, 0,
  op.end,
  op.end,
  op.end,
];
const FUNCTION = [2, 2, I32, 2, V128, ...BODY];

const MODULE = new Uint8Array([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
  ...section(1, [1, 0x60, 5, I32, I32, I32, I32, I32, 0]), // type: (i32 × 5) → ()
  ...section(2, [1, ...name('env'), ...name('memory'), 0x02, 0x00, 0x01]), // import memory, at least 1 page
  ...section(3, [1, 0]), // one function of type 0
  ...section(7, [1, ...name('dots'), 0x00, 0]), // export it
  ...section(10, [1, ...leb128(FUNCTION.length), ...FUNCTION]),
]);

function section(id: number, body: number[]): number[] {
  return [id, ...leb128(body.length), ...body];
}

function name(text: string): number[] {
  return [text.length, ...Array.from(text, (c) => c.charCodeAt(0))];
}

function leb128(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}
