import type { FunctionSpec } from '../../catalog';
import { FILTER, UNIQUE } from './filter';
import { MDETERM, MINVERSE, MMULT, MUNIT } from './matrix';
import { TOCOL, TOROW, TRANSPOSE, TRIMRANGE, WRAPCOLS, WRAPROWS } from './reshape';
import { SEQUENCE } from './sequence';
import { CHOOSECOLS, CHOOSEROWS, DROP, EXPAND, TAKE } from './slice';
import { SORT, SORTBY } from './sort';
import { HSTACK, VSTACK } from './stack';

export const ARRAY_FUNCTIONS: FunctionSpec[] = [
  SEQUENCE,
  FILTER,
  SORT,
  SORTBY,
  UNIQUE,
  TAKE,
  DROP,
  CHOOSEROWS,
  CHOOSECOLS,
  EXPAND,
  TOCOL,
  TOROW,
  WRAPROWS,
  WRAPCOLS,
  HSTACK,
  VSTACK,
  TRANSPOSE,
  TRIMRANGE,
  MMULT,
  MDETERM,
  MINVERSE,
  MUNIT,
];
