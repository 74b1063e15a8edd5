import type { FunctionSpec } from '../../catalog';
import { AVERAGE, GEOMEAN, MEDIAN, MODE_SNGL } from './averages';
import { ifOne, ifs } from './conditional';
import { CORREL } from './correl';
import { COUNT, COUNTA, COUNTBLANK } from './counts';
import { AVERAGEA, MAX, MAXA, MIN, MINA } from './extremes';
import { PERCENTILE_INC, QUARTILE_INC } from './percentile';
import { kth, RANK_EQ } from './rank';
import { STDEV_P, STDEV_S, STDEVA, STDEVPA, VAR_P, VAR_S, VARA, VARPA } from './spread';
import { alias } from './statistic';
import { DISTRIBUTION_FUNCTIONS } from './distributions';
import { HYPOTHESIS_FUNCTIONS } from './hypothesis';
import { MOMENT_FUNCTIONS } from './moments';
import { ORDER_FUNCTIONS } from './order';
import { PAIR_FUNCTIONS } from './pairs';
import { REGRESSION_FUNCTIONS } from './regression';

export const STATISTICS_FUNCTIONS: FunctionSpec[] = [
  AVERAGE,
  AVERAGEA,
  MEDIAN,
  MODE_SNGL,
  alias(MODE_SNGL, 'MODE', { formula: '=MODE(5, 1, 5, 1, 3)', result: '5' }),
  GEOMEAN,
  MIN,
  MAX,
  MINA,
  MAXA,
  kth('LARGE', { formula: '=LARGE({3,5,3,5,4}, 3)', result: '4' }),
  kth('SMALL', { formula: '=SMALL({3,5,3,5,4}, 2)', result: '3' }),
  RANK_EQ,
  alias(RANK_EQ, 'RANK', { formula: '=RANK(3, {3,5,3,5,4}, 1)', result: '1' }),
  PERCENTILE_INC,
  alias(PERCENTILE_INC, 'PERCENTILE', { formula: '=PERCENTILE({1,2,3,4}, 0.75)', result: '3.25' }),
  QUARTILE_INC,
  alias(QUARTILE_INC, 'QUARTILE', { formula: '=QUARTILE({1,2,4,7,8,9,10,12}, 3)', result: '9.25' }),
  STDEV_S,
  STDEV_P,
  alias(STDEV_S, 'STDEV', { formula: '=STDEV(1, 3, 5, 7)', result: '2.58198889747161' }),
  alias(STDEV_P, 'STDEVP', { formula: '=STDEVP(2, 4, 4, 4, 5, 5, 7, 9)', result: '2' }),
  VAR_S,
  VAR_P,
  alias(VAR_S, 'VAR', { formula: '=VAR(1, 2, 3, 4)', result: '1.66666666666667' }),
  alias(VAR_P, 'VARP', { formula: '=VARP(1, 2, 3, 4)', result: '1.25' }),
  CORREL,
  COUNT,
  COUNTA,
  COUNTBLANK,
  ifs('sum', 'SUMIFS', 'Adds the values whose rows match every criterion.', { formula: '=SUMIFS({1,2,3}, {"a","b","a"}, "a")', result: '4' }),
  ifs('count', 'COUNTIFS', 'Counts the rows that match every criterion, such as ">30" or "SFO".', { formula: '=COUNTIFS({1,5,9}, ">3")', result: '2' }),
  ifs('average', 'AVERAGEIFS', 'The mean of the values whose rows match every criterion.', { formula: '=AVERAGEIFS({2,4,9}, {1,1,0}, 1)', result: '3' }),
  ifs('max', 'MAXIFS', 'The largest value among the rows that match every criterion.', { formula: '=MAXIFS({2,4,9}, {"x","x","y"}, "x")', result: '4' }),
  ifs('min', 'MINIFS', 'The smallest value among the rows that match every criterion.', { formula: '=MINIFS({2,4,9}, {"x","y","y"}, "y")', result: '4' }),
  ifOne('sum', 'SUMIF', 'Adds the values that match one criterion (or the values of sum_range on those rows).', { formula: '=SUMIF({1,5,9}, ">3")', result: '14' }),
  ifOne('count', 'COUNTIF', 'Counts the values that match one criterion; "*" and "?" are wildcards.', { formula: '=COUNTIF({"apple","avocado","kiwi"}, "a*")', result: '2' }),
  ...DISTRIBUTION_FUNCTIONS,
  STDEVA,
  STDEVPA,
  VARA,
  VARPA,
  ...MOMENT_FUNCTIONS,
  ...PAIR_FUNCTIONS,
  ...ORDER_FUNCTIONS,
  ...HYPOTHESIS_FUNCTIONS,
  ...REGRESSION_FUNCTIONS,
  ifOne('average', 'AVERAGEIF', 'The mean of the values that match one criterion.', { formula: '=AVERAGEIF({1,5,9}, ">3")', result: '7' }),
];
