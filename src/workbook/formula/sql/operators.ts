import type { BinaryOp } from '../ast';
import { compare, errWhen, finite, fromSerial, num, result, text } from './coerce';
import type { SqlExpr } from './types';

const isDateType = (e: SqlExpr) => e.type === 'date' || e.type === 'datetime';

/** `a op b` in SQL, with the same coercions and errors as operators.ts. */
export function sqlBinary(op: BinaryOp, a: SqlExpr, b: SqlExpr): SqlExpr {
  switch (op) {
    case '&': {
      const [x, y] = [text(a), text(b)];
      return result(`${x.sql} || ${y.sql}`, 'text', [x.err, y.err]);
    }
    case '=':
    case '<>':
    case '<':
    case '>':
    case '<=':
    case '>=':
      return compare(a, b, op);
    default:
      return arithmetic(op, a, b);
  }
}

function arithmetic(op: '+' | '-' | '*' | '/' | '^', a: SqlExpr, b: SqlExpr): SqlExpr {
  const x = num(a);
  const y = num(b);
  const errs = [x.err, y.err];
  switch (op) {
    case '+':
      // A date plus days is a date (DATE stays DATE, TIMESTAMP stays TIMESTAMP), as in operators.ts.
      if (isDateType(a) && !isDateType(b)) return fromSerial(`(${x.sql} + ${y.sql})`, a.type === 'datetime', errs);
      if (isDateType(b) && !isDateType(a)) return fromSerial(`(${x.sql} + ${y.sql})`, b.type === 'datetime', errs);
      return result(`(${x.sql} + ${y.sql})`, 'number', errs);
    case '-':
      if (isDateType(a) && !isDateType(b)) return fromSerial(`(${x.sql} - ${y.sql})`, a.type === 'datetime', errs);
      return result(`(${x.sql} - ${y.sql})`, 'number', errs);
    case '*': {
      const f = finite(`(${x.sql} * ${y.sql})`);
      return result(f.value, 'number', [...errs, f.err]);
    }
    case '/':
      // A constant divisor other than 0 cannot divide by zero: no check, and readable SQL.
      if (typeof b.constant === 'number' && b.constant !== 0) return result(`(${x.sql} / ${y.sql})`, 'number', errs);
      return result(`CASE WHEN ${y.sql} = 0 THEN NULL ELSE ${x.sql} / ${y.sql} END`, 'number', [...errs, errWhen(`${y.sql} = 0`, '#DIV/0!')]);
    case '^':
      return power(x, y);
  }
}

/** Excel's `^` in SQL: DuckDB's pow is only asked where it is defined, as operators.ts's power. */
export function power(x: SqlExpr, y: SqlExpr): SqlExpr {
  const zeroZero = `(${x.sql} = 0 AND ${y.sql} = 0)`;
  const zeroNegative = `(${x.sql} = 0 AND ${y.sql} < 0)`;
  const negativeFraction = `(${x.sql} < 0 AND ${y.sql} <> floor(${y.sql}))`;
  const raw = `CASE WHEN ${zeroZero} OR ${zeroNegative} OR ${negativeFraction} THEN NULL ELSE pow(${x.sql}, ${y.sql}) END`;
  const f = finite(raw);
  return result(f.value, 'number', [
    x.err,
    y.err,
    errWhen(zeroZero, '#NUM!'),
    errWhen(zeroNegative, '#DIV/0!'),
    errWhen(negativeFraction, '#NUM!'),
    f.err,
  ]);
}

export function sqlUnary(op: '-' | '+', a: SqlExpr): SqlExpr {
  if (op === '+') return a;
  const x = num(a);
  return result(`(- ${x.sql})`, 'number', [x.err]);
}

export function sqlPercent(a: SqlExpr): SqlExpr {
  const x = num(a);
  return result(`(${x.sql} / 100)`, 'number', [x.err]);
}
