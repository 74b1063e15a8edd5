import { FormulaError, type RangeValue, type Scalar } from './formula';
import { addressKey } from './sheet-cells';

/** Where a cell lies in the whole grid, for sets of cells without their address text. */
export const gridIndex = (row: number, col: number) => row * 16_384 + col;

/** An array formula's spill: its anchor and how far it reaches. */
export interface Spill {
  key: string;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/**
 * The spills of one evaluation pass of a sheet. Cells are read in reading order, so a formula may
 * read a cell before the array that spills into it is computed; the reads of empty cells and of
 * ranges are noted with the number of spills placed so far, and a spill placed after a read of its
 * cells makes the sheet evaluate again, with the spills of this pass known from the start.
 */
export class SpillPass {
  /** Anchor key → spill, placed this pass. */
  readonly placed = new Map<string, Spill>();
  /** Covered cell → anchor key (anchors not included). */
  private readonly covered = new Map<number, string>();
  private readonly emptyReads = new Map<number, number>();
  private readonly rangeReads: { r0: number; c0: number; r1: number; c1: number; at: number }[] = [];
  private stale = false;

  /** Rows and columns up to the last cell a spill reaches (for A:A over spilled cells). */
  readonly reach = { rows: 0, cols: 0 };

  constructor(
    /** The spills of the previous pass: a covered cell → its anchor, to compute first. */
    readonly known: ReadonlyMap<number, string> = new Map(),
    knownReach?: { rows: number; cols: number },
  ) {
    if (knownReach) Object.assign(this.reach, knownReach);
  }

  /** The anchor whose spill covers a cell (this pass's, else the last pass's). */
  anchorOf(row: number, col: number): string | undefined {
    const i = gridIndex(row, col);
    return this.covered.get(i) ?? this.known.get(i);
  }

  noteEmptyRead(row: number, col: number): void {
    const i = gridIndex(row, col);
    if (!this.emptyReads.has(i)) this.emptyReads.set(i, this.placed.size);
  }

  noteRangeRead(r0: number, c0: number, r1: number, c1: number): void {
    this.rangeReads.push({ r0, c0, r1, c1, at: this.placed.size });
  }

  /**
   * Spills `value` from its anchor into the cells below and to the right, writing them through
   * `set`; #SPILL! (naming the first cell in the way) when one of them holds something.
   */
  place(anchor: { key: string; row: number; col: number }, value: RangeValue, occupied: (row: number, col: number) => boolean, set: (key: string, v: Scalar) => void): Scalar {
    const { row, col } = anchor;
    if (row + value.rows > 1_048_576 || col + value.cols > 16_384)
      return new FormulaError('#SPILL!', `The result has ${value.rows}×${value.cols} values, more than fit between ${anchor.key} and the sheet's edge.`);
    for (let r = 0; r < value.rows; r++)
      for (let c = 0; c < value.cols; c++) {
        if (r === 0 && c === 0) continue;
        if (occupied(row + r, col + c) || this.covered.has(gridIndex(row + r, col + c))) {
          const end = addressKey(row + value.rows - 1, col + value.cols - 1);
          return new FormulaError('#SPILL!', `The result (${value.rows}×${value.cols}) would spill into ${anchor.key}:${end}, but ${addressKey(row + r, col + c)} is not empty: clear it to let the array spill.`);
        }
      }
    const order = this.placed.size;
    this.placed.set(anchor.key, { ...anchor, rows: value.rows, cols: value.cols });
    this.reach.rows = Math.max(this.reach.rows, row + value.rows);
    this.reach.cols = Math.max(this.reach.cols, col + value.cols);
    for (let r = 0; r < value.rows; r++)
      for (let c = 0; c < value.cols; c++) {
        if (r === 0 && c === 0) continue;
        const i = gridIndex(row + r, col + c);
        this.covered.set(i, anchor.key);
        if (!this.stale && (this.emptyReads.get(i) ?? Number.POSITIVE_INFINITY) <= order) this.stale = true;
        set(addressKey(row + r, col + c), value.at(r, c));
      }
    if (!this.stale) {
      const [r1, c1] = [row + value.rows - 1, col + value.cols - 1];
      this.stale = this.rangeReads.some((g) => g.at <= order && g.r0 <= r1 && g.r1 >= row && g.c0 <= c1 && g.c1 >= col);
    }
    return value.at(0, 0);
  }

  /** Whether a formula read a cell before an array spilled into it: the pass must run again. */
  get needsAnotherPass(): boolean {
    return this.stale;
  }

  /** This pass's covered cells, for the next pass to start from. */
  layout(): Map<number, string> {
    return new Map(this.covered);
  }
}

/** The spills of each map evaluateSheet returned (anchor → spill), for other sheets' `Sheet1!A1#`. */
const spillsOf = new WeakMap<ReadonlyMap<string, Scalar>, ReadonlyMap<string, Spill>>();

export function recordSpills(values: ReadonlyMap<string, Scalar>, placed: ReadonlyMap<string, Spill>): void {
  if (placed.size) spillsOf.set(values, placed);
}

/** The spill anchored at a cell of a computed sheet; undefined when none is. */
export function spillAt(values: ReadonlyMap<string, Scalar>, key: string): Spill | undefined {
  return spillsOf.get(values)?.get(key);
}

/** Every spill of a computed sheet. */
export function spillsIn(values: ReadonlyMap<string, Scalar>): Iterable<Spill> {
  return spillsOf.get(values)?.values() ?? [];
}
