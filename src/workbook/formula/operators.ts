import type { BinaryOp } from './ast';
import { FormulaError, isFormulaError } from './errors';
import { compareValues, dateFromSerial, isDate, toNumber, toText, type Scalar } from './values';

/** A number result, or #NUM! when it overflowed (Excel has no infinities). */
export function finiteOr(n: number): number | FormulaError {
  return Number.isFinite(n) ? n : new FormulaError('#NUM!', 'The result is too large (or not a number).');
}

/** `a op b` on two values, with Excel's coercions; the left error wins over the right. */
export function binaryOp(op: BinaryOp, a: Scalar, b: Scalar): Scalar {
  if (isFormulaError(a)) return a;
  if (isFormulaError(b)) return b;
  switch (op) {
    case '&': {
      const x = toText(a);
      if (isFormulaError(x)) return x;
      const y = toText(b);
      return isFormulaError(y) ? y : x + y;
    }
    case '=':
      return compareValues(a, b) === 0;
    case '<>':
      return compareValues(a, b) !== 0;
    case '<':
      return compareValues(a, b) < 0;
    case '>':
      return compareValues(a, b) > 0;
    case '<=':
      return compareValues(a, b) <= 0;
    case '>=':
      return compareValues(a, b) >= 0;
    default:
      return arithmetic(op, a, b);
  }
}

function arithmetic(op: '+' | '-' | '*' | '/' | '^', a: Scalar, b: Scalar): Scalar {
  const x = toNumber(a);
  if (isFormulaError(x)) return x;
  const y = toNumber(b);
  if (isFormulaError(y)) return y;
  switch (op) {
    case '+':
      // A date plus days is a date; anything else added is a number.
      if (isDate(a) && !isDate(b)) return dateFromSerial(x + y, a.withTime);
      if (isDate(b) && !isDate(a)) return dateFromSerial(x + y, b.withTime);
      return finiteOr(x + y);
    case '-':
      if (isDate(a) && !isDate(b)) return dateFromSerial(x - y, a.withTime);
      return finiteOr(x - y);
    case '*':
      return finiteOr(x * y);
    case '/':
      return y === 0 ? new FormulaError('#DIV/0!', 'Division by zero.') : finiteOr(x / y);
    case '^':
      return power(x, y);
  }
}

/** Excel's `^`: 0^0 and a negative base with a fractional exponent are #NUM!, 0^-1 is #DIV/0!. */
export function power(x: number, y: number): number | FormulaError {
  if (x === 0 && y === 0) return new FormulaError('#NUM!', '0^0 is not defined.');
  if (x === 0 && y < 0) return new FormulaError('#DIV/0!', 'Division by zero (0 to a negative power).');
  if (x < 0 && y !== Math.floor(y)) return new FormulaError('#NUM!', 'A negative number to a fractional power is not a real number.');
  return finiteOr(x ** y);
}

export function unaryOp(op: '-' | '+', a: Scalar): Scalar {
  if (op === '+') return a;
  const x = toNumber(a);
  return isFormulaError(x) ? x : -x === 0 ? 0 : -x;
}

export function percentOp(a: Scalar): Scalar {
  const x = toNumber(a);
  return isFormulaError(x) ? x : x / 100;
}
