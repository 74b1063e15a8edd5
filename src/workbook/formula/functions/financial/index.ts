import type { FunctionSpec } from '../../catalog';

export const FINANCIAL_FUNCTIONS: FunctionSpec[] = [];
