/** A place in a formula's text: offsets into it, the leading `=` included. */
export interface Span {
  start: number;
  end: number;
}

/** The error values a spreadsheet shows, in Excel's spelling; `#ERROR!` is a formula that does not parse (as in Google Sheets). */
export const ERROR_CODES = ['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#CALC!', '#SPILL!', '#ERROR!'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  '#NULL!': 'The ranges do not intersect.',
  '#DIV/0!': 'Division by zero.',
  '#VALUE!': 'A value has the wrong type.',
  '#REF!': 'The reference is not valid.',
  '#NAME?': 'Unknown name.',
  '#NUM!': 'The number is out of range.',
  '#N/A': 'No value is available.',
  '#CALC!': 'The calculation cannot be done.',
  '#SPILL!': 'The array cannot spill: a cell it needs is not empty.',
  '#ERROR!': 'The formula cannot be read.',
};

/**
 * An error as a value: it flows through a formula like any other value (IFERROR catches it),
 * and it carries what went wrong and where, for the person reading it.
 */
export class FormulaError {
  readonly kind = 'error' as const;
  constructor(
    readonly code: ErrorCode,
    readonly message: string = DEFAULT_MESSAGES[code],
    readonly span?: Span,
  ) {}

  toString(): string {
    return this.code;
  }
}

export function isFormulaError(v: unknown): v is FormulaError {
  return v instanceof FormulaError;
}

export function isErrorCode(text: string): text is ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(text.toUpperCase());
}

export function formulaError(code: ErrorCode, message?: string, span?: Span): FormulaError {
  return new FormulaError(code, message, span);
}

/** An error raised while reading or resolving a formula, before any value exists. */
export class FormulaSyntaxError extends Error {
  override name = 'FormulaSyntaxError';
  constructor(
    message: string,
    readonly span: Span,
    readonly code: ErrorCode = '#ERROR!',
  ) {
    super(message);
  }

  toValue(): FormulaError {
    return new FormulaError(this.code, this.message, this.span);
  }
}
