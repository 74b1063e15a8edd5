import type { FunctionSpec } from '../../catalog';
import { HLOOKUP, LOOKUP, VLOOKUP, XLOOKUP } from './lookups';
import { MATCH, XMATCH } from './positions';
import { CHOOSE, INDEX, size } from './ranges';

// The lookup category: its functions in catalog order, and the matching helpers lookup.ts exported before it became this folder.

export { sqlFirstMatch } from './finders';
export { classicMatch, findMatch } from './match';

export const LOOKUP_FUNCTIONS: FunctionSpec[] = [XLOOKUP, VLOOKUP, HLOOKUP, MATCH, XMATCH, INDEX, CHOOSE, size('ROWS'), size('COLUMNS'), LOOKUP];
