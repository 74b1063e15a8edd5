import type { FunctionSpec } from '../../catalog';

export const ARRAY_FUNCTIONS: FunctionSpec[] = [];
