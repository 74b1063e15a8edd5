import type { FunctionSpec } from '../../catalog';
import { BASE_CONVERSIONS } from './bases';
import { BESSEL_FUNCTIONS } from './bessel';
import { BITAND, BITLSHIFT, BITOR, BITRSHIFT, BITXOR, DELTA, GESTEP } from './bits';
import { CONVERT } from './convert';
import { ERF_FUNCTIONS } from './erf';
import { IM_FUNCTIONS } from './im';

export const ENGINEERING_FUNCTIONS: FunctionSpec[] = [BITAND, BITOR, BITXOR, BITLSHIFT, BITRSHIFT, GESTEP, DELTA, CONVERT, ...BASE_CONVERSIONS, ...ERF_FUNCTIONS, ...IM_FUNCTIONS, ...BESSEL_FUNCTIONS];
