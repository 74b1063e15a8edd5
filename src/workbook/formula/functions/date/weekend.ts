import { FormulaError, isFormulaError } from '../../errors';
import { anyErr, errWhen, num } from '../../sql/coerce';
import type { SqlExpr } from '../../sql/types';
import { toNumber, type Scalar } from '../../values';

/** Weekend codes (Monday-first masks, 1 = weekend), as NETWORKDAYS.INTL and WORKDAY.INTL take them. */
const WEEKEND_CODES: Record<number, string> = {
  1: '0000011',
  2: '1000001',
  3: '1100000',
  4: '0110000',
  5: '0011000',
  6: '0001100',
  7: '0000110',
  11: '0000001',
  12: '1000000',
  13: '0100000',
  14: '0010000',
  15: '0001000',
  16: '0000100',
  17: '0000010',
};
export const SATURDAY_SUNDAY = '0000011';

/** The weekend as a Monday-first mask: a code, or seven 0/1 characters; left out or empty is Saturday and Sunday. */
export function weekendMask(v: Scalar | undefined, name: string): string | FormulaError {
  if (v === undefined || v === null) return SATURDAY_SUNDAY;
  if (isFormulaError(v)) return v;
  if (typeof v === 'string') return /^[01]{7}$/.test(v) ? v : new FormulaError('#VALUE!', `${name}: a weekend text is seven 0s and 1s, Monday first ("0000011").`);
  const n = toNumber(v);
  if (isFormulaError(n)) return n;
  return WEEKEND_CODES[n] ?? new FormulaError('#NUM!', `${name}: ${n} is not a weekend code (1–7 or 11–17).`);
}

/** A workweek in TypeScript: which days work, and the counting both forms share. */
export class Workweek {
  /** The 7-day cycle from serial 0 (Saturday, Sunday, Monday … Friday): 1 where it is a workday. */
  readonly cycle: number[];
  /** Workdays among the cycle's first r days, r = 0 … 7. */
  readonly prefix: number[];
  /** The cycle positions of the 1st, 2nd … workday. */
  readonly positions: number[];
  readonly perWeek: number;

  constructor(mask: string) {
    this.cycle = [...(mask.slice(5) + mask.slice(0, 5))].map((c) => (c === '0' ? 1 : 0));
    this.prefix = [0];
    this.positions = [];
    this.cycle.forEach((w, i) => {
      this.prefix.push(this.prefix[i]! + w);
      if (w) this.positions.push(i);
    });
    this.perWeek = this.prefix[7]!;
  }

  isWorkday(day: number): boolean {
    return this.cycle[day % 7] === 1;
  }

  /** Workdays before `day`, from serial 0. */
  before(day: number): number {
    const q = Math.floor(day / 7);
    return q * this.perWeek + this.prefix[day - q * 7]!;
  }

  /** The serial of the k-th workday from serial 0 (k ≥ 1). */
  nth(k: number): number {
    const q = Math.floor((k - 1) / this.perWeek);
    return 7 * q + this.positions[k - 1 - q * this.perWeek]!;
  }
}

/** Workweek's counting in SQL. */
interface SqlWorkweek {
  perWeek: string;
  isWorkday(day: string): string;
  before(day: string): string;
  nth(k: string): string;
}

/** The weekend argument in SQL: known while compiling (lists), or read per row (a cycle string). */
export interface SqlWeekend {
  err: string | null;
  /** Per row: the 7-day cycle from Saturday as bits, 1 a workday (see bitWorkweek); null when known while compiling. */
  cycle: string | null;
  /** The counting over `cycle` (or a name bound to it). */
  ops(cycle: string | null): SqlWorkweek;
}

const listLiteral = (xs: number[]) => `[${xs.join(', ')}]`;
const cyclePosition = (day: string) => `CAST((${day}) - floor((${day}) / 7) * 7 AS INTEGER)`;

export function constantWeekend(mask: string): SqlWeekend {
  const w = new Workweek(mask);
  const n = String(w.perWeek);
  const ops: SqlWorkweek = {
    perWeek: n,
    isWorkday: (day) => `(${listLiteral(w.cycle)}[${cyclePosition(day)} + 1] = 1)`,
    before: (day) => `(floor((${day}) / 7) * ${n} + ${listLiteral(w.prefix)}[${cyclePosition(day)} + 1])`,
    nth: (k) => (w.perWeek === 0 ? 'CAST(NULL AS DOUBLE)' : `(7 * floor(((${k}) - 1) / ${n}) + ${listLiteral(w.positions)}[CAST((${k}) - 1 - floor(((${k}) - 1) / ${n}) * ${n} AS INTEGER) + 1])`),
  };
  return { err: null, cycle: null, ops: () => ops };
}

/** A weekend mask as bits: bit i set when day i (0 = Monday) is a weekend day. */
const maskBits = (mask: string) => [...mask].reduce((bits, c, i) => bits + (c === '1' ? 2 ** i : 0), 0);

/** For each 7-day cycle as bits (0 … 127): the positions of its workdays, as a list literal. */
const CYCLE_POSITIONS = `[${Array.from({ length: 128 }, (_, bits) => `[${[0, 1, 2, 3, 4, 5, 6].filter((j) => (bits >> j) & 1).join(', ')}]`).join(', ')}]`;

/**
 * Workweek's counting over the 7-day cycle as bits (an INTEGER: bit j set when cycle day j,
 * Saturday first, is a workday; NULL where the weekend is invalid), with bit counts.
 */
export function bitWorkweek(cycle: string): SqlWorkweek {
  const prefix = (r: string) => `bit_count(${cycle} & ((CAST(1 AS INTEGER) << ${r}) - 1))`;
  const n = `bit_count(${cycle})`;
  const position = (r: string) => `${CYCLE_POSITIONS}[${cycle} + 1][CAST(${r} AS INTEGER) + 1]`;
  return {
    perWeek: n,
    isWorkday: (day) => `(((${cycle} >> ${cyclePosition(day)}) & 1) = 1)`,
    before: (day) => `(floor((${day}) / 7) * ${n} + ${prefix(cyclePosition(day))})`,
    // NULLIF: a week with no workdays has no k-th workday (and lambdas compute every branch).
    nth: (k) => `(7 * floor(((${k}) - 1) / NULLIF(${n}, 0)) + ${position(`((${k}) - 1 - floor(((${k}) - 1) / NULLIF(${n}, 0)) * ${n})`)})`,
  };
}

export function sqlWeekend(e: SqlExpr, name: string): SqlWeekend | FormulaError {
  if (e.constant !== undefined || e.type === 'empty') {
    const mask = weekendMask(e.constant ?? null, name);
    return isFormulaError(mask) ? mask : constantWeekend(mask);
  }
  const standard = maskBits(SATURDAY_SUNDAY);
  let bits: string;
  let err: string | null;
  if (e.type === 'text') {
    const valid = `(length(${e.sql}) = 7 AND replace(replace(${e.sql}, '0', ''), '1', '') = '')`;
    // Read as a bit string, Monday last, so Monday is bit 0.
    const value = `TRY_CAST(TRY_CAST(reverse(${e.sql}) AS BIT) AS INTEGER)`;
    bits = `(CASE WHEN ${e.sql} IS NULL THEN ${standard} WHEN ${valid} THEN ${value} END)`;
    err = anyErr(e.err, errWhen(`${e.sql} IS NOT NULL AND NOT ${valid}`, '#VALUE!'));
  } else {
    const n = num(e);
    const code = `(CASE ${n.sql} ${Object.entries(WEEKEND_CODES).map(([k, v]) => `WHEN ${k} THEN ${maskBits(v)}`).join(' ')} END)`;
    bits = `(CASE WHEN ${e.sql} IS NULL THEN ${standard} ELSE CAST(${code} AS INTEGER) END)`;
    err = anyErr(n.err, errWhen(`${e.sql} IS NOT NULL AND ${code} IS NULL`, '#NUM!'));
  }
  // Workdays as bits, Monday first, turned to start on Saturday (serial 0).
  const work = `(~${bits} & 127)`;
  return { err, cycle: `((${work} >> 5) | ((${work} << 2) & 127))`, ops: (c) => bitWorkweek(c ?? 'NULL') };
}
