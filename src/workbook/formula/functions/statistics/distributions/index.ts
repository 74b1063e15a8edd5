import type { FunctionSpec } from '../../../catalog';
import { CONTINUOUS } from './continuous';
import { DISCRETE } from './discrete';
import { SAMPLING } from './sampling';
import { SIMPLE } from './simple';

/** The probability distributions and the functions built on them. */
export const DISTRIBUTION_FUNCTIONS: FunctionSpec[] = [...CONTINUOUS, ...SAMPLING, ...DISCRETE, ...SIMPLE];
