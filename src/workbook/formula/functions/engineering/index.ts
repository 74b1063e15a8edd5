import type { FunctionSpec } from '../../catalog';

export const ENGINEERING_FUNCTIONS: FunctionSpec[] = [];
