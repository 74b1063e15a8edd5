import type { FunctionSpec } from '../catalog';
import { ARRAY_FUNCTIONS } from './array';
import { DATABASE_FUNCTIONS } from './database';
import { DATE_FUNCTIONS } from './date';
import { ENGINEERING_FUNCTIONS } from './engineering';
import { FINANCIAL_FUNCTIONS } from './financial';
import { INFORMATION_FUNCTIONS } from './information';
import { LOGIC_FUNCTIONS } from './logic';
import { LOOKUP_FUNCTIONS } from './lookup';
import { MATH_FUNCTIONS } from './math';
import { STATISTICS_FUNCTIONS } from './statistics';
import { TEXT_FUNCTIONS } from './text';
import { REFERENCE_FUNCTIONS } from '../references/catalog';

const ALL: readonly FunctionSpec[] = [
  ...MATH_FUNCTIONS,
  ...STATISTICS_FUNCTIONS,
  ...LOGIC_FUNCTIONS,
  ...TEXT_FUNCTIONS,
  ...DATE_FUNCTIONS,
  ...LOOKUP_FUNCTIONS,
  ...INFORMATION_FUNCTIONS,
  ...ARRAY_FUNCTIONS,
  ...FINANCIAL_FUNCTIONS,
  ...ENGINEERING_FUNCTIONS,
  ...DATABASE_FUNCTIONS,
  ...REFERENCE_FUNCTIONS,
];

const BY_NAME = new Map<string, FunctionSpec>();
for (const spec of ALL) {
  if (BY_NAME.has(spec.name)) throw new Error(`Function ${spec.name} is defined twice`);
  BY_NAME.set(spec.name, spec);
}

/** The one function catalog: every function a formula can call, in the order the reference lists them. */
export function allFunctions(): readonly FunctionSpec[] {
  return ALL;
}

/** A function by name, case-insensitively (`_xlfn.` prefixes from pasted Excel formulas dropped). */
export function lookupFunction(name: string): FunctionSpec | undefined {
  return BY_NAME.get(name.toUpperCase().replace(/^_XLFN\./, ''));
}

export function functionNames(): readonly string[] {
  // One array for the catalog, so a misspelt function's suggestion is computed once (suggest.ts).
  return (names ??= Object.freeze([...BY_NAME.keys()]));
}
let names: readonly string[] | undefined;
