export type { BinaryOp, CellAddress, FormulaNode, NodeOf } from './ast';
export { some, walk } from './ast';
export { arity, arityProblem, CATEGORY_TITLES, paramAt, signature } from './catalog';
export type { Category, FunctionSpec, ParamSpec, ScalarArg, ScalarContext } from './catalog';
export { ERROR_CODES, FormulaError, FormulaSyntaxError, isFormulaError } from './errors';
export type { ErrorCode, Span } from './errors';
export { evaluate, readsTables, single, tableCalls } from './evaluate';
export type { EvalContext } from './evaluate';
export { allFunctions, functionNames, lookupFunction } from './functions';
export { columnIndex, columnLetters, tokenize } from './lexer';
export type { Token, TokenType } from './lexer';
export { isFormulaText, parseFormula } from './parser';
export { declaredParameters } from './lambda/params';
export type { ParseOptions } from './parser';
export { columnExpr, compileFormula, formulaType } from './sql/compile';
export type { RelationInfo, SqlScope } from './sql/compile';
export { literal as sqlLiteral } from './sql/coerce';
export type { SqlExpr, SqlRange, SqlType } from './sql/types';
export { closest, didYouMean, withSuggestion } from './suggest';
export {
  compareValues,
  DateValue,
  displayValue,
  formatDate,
  formatNumber,
  isDate,
  isRange,
  parseIsoDate,
  RangeValue,
  toBoolean,
  toNumber,
  toText,
} from './values';
export type { Scalar, Value } from './values';
