import duckdb, { type Vector } from '@duckdb/node-bindings';

/** Which rows of a DuckDB vector to take: `count` rows from `start`, or those in `indices`. */
export interface Rows {
  start: number;
  count: number;
  indices: Int32Array | null;
}

/** The `k`-th row of a selection. */
export function rowAt(rows: Rows, k: number): number {
  return rows.indices ? rows.indices[k]! : rows.start + k;
}

/**
 * A vector's validity mask, or null when every row is valid. DuckDB keeps it as uint64 words,
 * least significant bit first, which on a little-endian machine is Arrow's byte layout too.
 */
export function readValidity(vector: Vector, size: number): Uint8Array | null {
  return (duckdb.vector_get_validity(vector, Math.ceil(size / 64) * 8) as Uint8Array | null) ?? null;
}

/** Whether row `i` is valid under a mask from readValidity. */
export function isValid(mask: Uint8Array | null, i: number): boolean {
  return mask === null || ((mask[i >> 3]! >> (i & 7)) & 1) === 1;
}

/** Sets `count` bits from bit `from`: bit by bit to a byte boundary, then whole bytes. */
function setBits(bits: Uint8Array, from: number, count: number): void {
  const end = from + count;
  let i = from;
  for (; i < end && (i & 7) !== 0; i++) bits[i >> 3]! |= 1 << (i & 7);
  const wholeBytesEnd = end & ~7;
  if (i < wholeBytesEnd) {
    bits.fill(0xff, i >> 3, wholeBytesEnd >> 3);
    i = wholeBytesEnd;
  }
  for (; i < end; i++) bits[i >> 3]! |= 1 << (i & 7);
}

const POPCOUNT = Uint8Array.from({ length: 256 }, (_, b) => {
  let n = 0;
  for (let x = b; x; x >>= 1) n += x & 1;
  return n;
});

/** An Arrow validity bitmap being built, with its null count. */
export class ValidityBuilder {
  private bits = new Uint8Array(256);
  length = 0;
  nullCount = 0;

  /** Appends the validity of `rows` of a vector whose mask is `mask`. */
  append(mask: Uint8Array | null, rows: Rows): void {
    const { start, count, indices } = rows;
    this.reserve(this.length + count);
    const bits = this.bits;
    let at = this.length;
    if (mask === null) {
      setBits(bits, at, count);
    } else if (!indices && (at & 7) === 0 && (start & 7) === 0) {
      const from = start >> 3;
      const bytes = (count + 7) >> 3;
      bits.set(mask.subarray(from, from + bytes), at >> 3);
      const tail = count & 7;
      if (tail) bits[(at >> 3) + bytes - 1]! &= (1 << tail) - 1; // clear bits past the last row
      let valid = 0;
      for (let b = 0; b < bytes; b++) valid += POPCOUNT[bits[(at >> 3) + b]!]!;
      this.nullCount += count - valid;
    } else {
      for (let k = 0; k < count; k++, at++) {
        const i = indices ? indices[k]! : start + k;
        if ((mask[i >> 3]! >> (i & 7)) & 1) bits[at >> 3]! |= 1 << (at & 7);
        else this.nullCount++;
      }
    }
    this.length += count;
  }

  /** The bitmap so far (undefined when there are no nulls); starts a new one. */
  take(): { nullBitmap: Uint8Array | undefined; nullCount: number } {
    const out = { nullBitmap: this.nullCount > 0 ? this.bits.subarray(0, (this.length + 7) >> 3) : undefined, nullCount: this.nullCount };
    this.bits = new Uint8Array(Math.max(256, (this.length + 7) >> 3));
    this.length = 0;
    this.nullCount = 0;
    return out;
  }

  get byteLength(): number {
    return (this.length + 7) >> 3;
  }

  private reserve(rows: number): void {
    const need = (rows + 7) >> 3;
    if (need <= this.bits.length) return;
    const grown = new Uint8Array(Math.max(need, this.bits.length * 2));
    grown.set(this.bits);
    this.bits = grown;
  }
}
