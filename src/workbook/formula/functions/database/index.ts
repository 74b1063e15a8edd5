import type { FunctionSpec } from '../../catalog';

export const DATABASE_FUNCTIONS: FunctionSpec[] = [];
