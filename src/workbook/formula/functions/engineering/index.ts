import type { FunctionSpec } from '../../catalog';
import { BITAND, BITLSHIFT, BITOR, BITRSHIFT, BITXOR, DELTA, GESTEP } from './bits';
import { CONVERT } from './convert';

export const ENGINEERING_FUNCTIONS: FunctionSpec[] = [BITAND, BITOR, BITXOR, BITLSHIFT, BITRSHIFT, GESTEP, DELTA, CONVERT];
