import type { FunctionSpec } from '../../catalog';
import { DATEDIF, DAYS } from './datedif-days';
import { DATEVALUE, TIMEVALUE } from './datetime-text';
import { DAYS360, YEARFRAC } from './day-count';
import { monthShift } from './months';
import { DATE, NOW, part, TODAY } from './parts';
import { TIME, timePart } from './time';
import { ISOWEEKNUM, WEEKDAY, WEEKNUM } from './weeks';
import { networkdays, workday } from './workdays';

// ---- the catalog

export const DATE_FUNCTIONS: FunctionSpec[] = [
  DATE,
  part('YEAR', 'The year of a date.', (p) => p.year, 'year', { formula: '=YEAR(DATE(2024, 3, 1))', result: '2024' }),
  part('MONTH', 'The month of a date, 1 to 12.', (p) => p.month, 'month', { formula: '=MONTH(DATE(2024, 3, 1))', result: '3' }),
  part('DAY', 'The day of the month of a date, 1 to 31.', (p) => p.day, 'day', { formula: '=DAY(DATE(2024, 3, 1))', result: '1' }),
  TODAY,
  NOW,
  TIME,
  timePart('HOUR', 'The hour of a time, 0 to 23.', { formula: '=HOUR("6:45 PM")', result: '18' }),
  timePart('MINUTE', 'The minute of a time, 0 to 59.', { formula: '=MINUTE(TIME(18, 45, 0))', result: '45' }),
  timePart('SECOND', 'The second of a time, 0 to 59.', { formula: '=SECOND("10:30:15")', result: '15' }),
  DATEVALUE,
  TIMEVALUE,
  monthShift('EDATE', "The date some months before or after a date, on the same day of the month (or the month's last day when it is shorter).", {
    formula: '=EDATE(DATE(2024, 1, 31), 1)',
    result: '2024-02-29',
  }),
  monthShift('EOMONTH', 'The last day of the month some months before or after a date (0: the same month).', { formula: '=EOMONTH(DATE(2024, 1, 15), 1)', result: '2024-02-29' }),
  DAYS,
  DATEDIF,
  DAYS360,
  YEARFRAC,
  WEEKDAY,
  WEEKNUM,
  ISOWEEKNUM,
  networkdays('NETWORKDAYS', { formula: '=NETWORKDAYS(DATE(2024, 3, 1), DATE(2024, 3, 31))', result: '21' }),
  networkdays('NETWORKDAYS.INTL', { formula: '=NETWORKDAYS.INTL(DATE(2024, 3, 1), DATE(2024, 3, 31), 7)', result: '21' }),
  workday('WORKDAY', { formula: '=WORKDAY(DATE(2024, 3, 1), 5)', result: '2024-03-08' }),
  workday('WORKDAY.INTL', { formula: '=WORKDAY.INTL(DATE(2024, 3, 1), 5, "0000110")', result: '2024-03-07' }),
];
