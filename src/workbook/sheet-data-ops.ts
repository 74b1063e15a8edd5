import type { SheetDataOp, SheetRect, SortKeyValue } from './document';

/** Excel's last row and column, 0-based. */
const [MAX_ROW, MAX_COL] = [1_048_575, 16_383];
const ADDRESS = /^[A-Z]{1,3}[1-9][0-9]*$/;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const whole = (n: unknown, max: number): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= max;

function rect(raw: unknown): SheetRect | undefined {
  if (!isObject(raw) || !whole(raw.top, MAX_ROW) || !whole(raw.bottom, MAX_ROW) || !whole(raw.left, MAX_COL) || !whole(raw.right, MAX_COL)) return undefined;
  return raw.top <= raw.bottom && raw.left <= raw.right ? { top: raw.top, left: raw.left, bottom: raw.bottom, right: raw.right } : undefined;
}

function keyValue(v: unknown): v is SortKeyValue {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  return isObject(v) && typeof v.error === 'string' && Object.keys(v).length === 1;
}

function readOp(raw: unknown): SheetDataOp | undefined {
  if (!isObject(raw)) return undefined;
  switch (raw.kind) {
    case 'insert':
    case 'delete': {
      const max = raw.axis === 'rows' ? MAX_ROW : raw.axis === 'cols' ? MAX_COL : -1;
      if (max < 0 || !whole(raw.at, max) || !whole(raw.count, max + 1) || raw.count < 1) return undefined;
      return { kind: raw.kind, axis: raw.axis as 'rows' | 'cols', at: raw.at, count: raw.count };
    }
    case 'move': {
      const from = rect(raw.from);
      const to = raw.to;
      if (!from || !isObject(to) || !whole(to.row, MAX_ROW) || !whole(to.col, MAX_COL)) return undefined;
      return { kind: 'move', from, to: { row: to.row, col: to.col } };
    }
    case 'sort': {
      const range = rect(raw.range);
      if (!range || typeof raw.header !== 'boolean' || !Array.isArray(raw.keys) || raw.keys.length === 0) return undefined;
      const keys = raw.keys.map((k: unknown) => (isObject(k) && whole(k.col, MAX_COL) && k.col >= range.left && k.col <= range.right && (k.desc === undefined || typeof k.desc === 'boolean') ? { col: k.col, ...(k.desc ? { desc: true } : {}) } : undefined));
      if (keys.some((k) => k === undefined)) return undefined;
      if (raw.matchCase !== undefined && typeof raw.matchCase !== 'boolean') return undefined;
      if (raw.values !== undefined && (!isObject(raw.values) || !Object.entries(raw.values).every(([k, v]) => ADDRESS.test(k) && keyValue(v)))) return undefined;
      return {
        kind: 'sort',
        range,
        keys: keys as { col: number; desc?: boolean }[],
        header: raw.header,
        ...(raw.matchCase ? { matchCase: true } : {}),
        ...(raw.values ? { values: raw.values as Record<string, SortKeyValue> } : {}),
      };
    }
    default:
      return undefined;
  }
}

/**
 * A big sheet's logged operations as a document holds them (SheetDataRef.ops), or what is wrong
 * with them: the first one that is not an insert, delete, move or sort of cells inside the sheet.
 */
export function readSheetDataOps(raw: unknown): SheetDataOp[] | string {
  if (!Array.isArray(raw)) return 'its operations on the stored cells are not a list';
  const ops: SheetDataOp[] = [];
  for (const [i, item] of raw.entries()) {
    const op = readOp(item);
    if (!op) return `its operation ${i + 1} on the stored cells (${JSON.stringify(item).slice(0, 80)}) is not an insert, delete, move or sort inside the sheet`;
    ops.push(op);
  }
  return ops;
}
