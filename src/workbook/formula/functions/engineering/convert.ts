import type { FunctionSpec } from '../../catalog';
import { FormulaError, FormulaSyntaxError, isFormulaError } from '../../errors';
import { errCode, num, result } from '../../sql/coerce';
import { isSqlRange } from '../../sql/types';
import { arg } from '../helpers';
import { atpNumber } from './shared';
import { fromKelvin, readUnit, toKelvin, type Unit } from './units';

// ---- CONVERT

const NA = (message: string) => new FormulaError('#N/A', message);

type Read = { unit: Unit; scale: number };

/** Both units read and of one kind, or why not. */
function readPair(from: unknown, to: unknown): [Read, Read] | FormulaError {
  if (typeof from !== 'string' || typeof to !== 'string') return NA('CONVERT takes its units as text, such as "km" or "mi".');
  const [a, b] = [readUnit(from), readUnit(to)];
  if (!a) return NA(`CONVERT: "${from}" is not a unit it knows (units are case-sensitive: "m", "km", "mi").`);
  if (!b) return NA(`CONVERT: "${to}" is not a unit it knows (units are case-sensitive: "m", "km", "mi").`);
  if (a.unit.kind !== b.unit.kind) return NA(`CONVERT: "${from}" is a unit of ${a.unit.kind} and "${to}" one of ${b.unit.kind}.`);
  return [a, b];
}

function converted(x: number, [a, b]: [Read, Read]): number {
  if (a.unit.kind === 'temperature') return fromKelvin(b.unit.name, toKelvin(a.unit.name, x * a.scale)) / b.scale;
  return (x * a.scale * a.unit.factor) / (b.scale * b.unit.factor);
}

export const CONVERT: FunctionSpec = {
  name: 'CONVERT',
  category: 'engineering',
  summary: 'A number from one unit of measure to another of the same kind ("mi" to "km", "C" to "F"), with metric and binary prefixes.',
  params: [{ name: 'number' }, { name: 'from_unit' }, { name: 'to_unit' }],
  notes: 'Units are case-sensitive, as in Excel. Units of different kinds, or units it does not know, are #N/A. In a column formula the units must be constant text.',
  example: { formula: '=CONVERT(1, "mi", "km")', result: '1.609344' },
  scalar(args) {
    const x = atpNumber(args, 0, 'CONVERT');
    if (isFormulaError(x)) return x;
    const pair = readPair(arg(args, 1), arg(args, 2));
    return isFormulaError(pair) ? pair : converted(x, pair);
  },
  sql(args) {
    const [from, to] = [args[1], args[2]];
    if (!from || !to || isSqlRange(from) || isSqlRange(to) || from.constant === undefined || to.constant === undefined) {
      throw new FormulaSyntaxError('CONVERT in a column formula needs its units as constant text, such as "km".', { start: 0, end: 0 });
    }
    const x = args[0];
    if (!x || isSqlRange(x)) throw new FormulaSyntaxError('CONVERT converts one number, not a range.', { start: 0, end: 0 });
    const n = num(x);
    const pair = readPair(from.constant, to.constant);
    if (isFormulaError(pair)) return result('NULL', 'number', [n, errCode(pair.code)]);
    if (x.type === 'boolean') return result('NULL', 'number', [errCode('#VALUE!')]);
    const [a, b] = pair;
    if (a.unit.kind !== 'temperature') return result(`(${n.sql} * ${(a.scale * a.unit.factor) / (b.scale * b.unit.factor)})`, 'number', [n]);
    // Every temperature conversion is linear: y = p·x + q.
    const q = converted(0, pair);
    const p = converted(1, pair) - q;
    return result(`(${n.sql} * ${p} + ${q})`, 'number', [n]);
  },
};
