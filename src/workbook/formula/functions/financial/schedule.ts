import { daysInMonth, serialAt, ymd } from '../date/shared';

// Coupon schedules and day counts of the bond functions, as Excel computes them (the algorithms
// documented by Microsoft for OpenFormula and reproduced by ExcelFinancialFunctions): coupon dates
// step back from maturity by 12/frequency months, and keep to the month's end when maturity does.

/** Whether a serial is the last day of its month. */
export function isMonthEnd(day: number): boolean {
  const p = ymd(day);
  return p.d === daysInMonth(p.y, p.m);
}

const isLastOfFebruary = (day: number) => ymd(day).m === 2 && isMonthEnd(day);

/** `day` moved by `months`, the day clamped to the month's length (or the month's end when `toEnd`). */
export function addMonths(day: number, months: number, toEnd: boolean): number {
  const p = ymd(day);
  const total = p.y * 12 + (p.m - 1) + months;
  const [y, m] = [Math.floor(total / 12), (total % 12) + 1];
  const last = daysInMonth(y, m);
  return serialAt(y, m, toEnd ? last : Math.min(p.d, last));
}

const diff360 = (s: { y: number; m: number }, sd: number, e: { y: number; m: number }, ed: number) => (e.y - s.y) * 360 + (e.m - s.m) * 30 + ed - sd;

/** US (NASD) 30/360 days; `both` also moves an end on the last of February or the 31st to the 30th. */
export function days360us(start: number, end: number, both = false): number {
  const [s, e] = [ymd(start), ymd(end)];
  let [sd, ed] = [s.d, e.d];
  const startFeb = isLastOfFebruary(start);
  if (isLastOfFebruary(end) && (startFeb || both)) ed = 30;
  if (ed === 31 && (sd >= 30 || both)) ed = 30;
  if (sd === 31) sd = 30;
  if (startFeb) sd = 30;
  return diff360(s, sd, e, ed);
}

/** European 30/360 days: every 31st is the 30th. */
export function days360eu(start: number, end: number): number {
  const [s, e] = [ymd(start), ymd(end)];
  return diff360(s, Math.min(s.d, 30), e, Math.min(e.d, 30));
}

/** Days from start to end by a basis; `denominator` picks the 30/360 convention of basis 2's period lengths. */
export function daysBetween(start: number, end: number, basis: number, denominator = false): number {
  switch (basis) {
    case 0:
      return days360us(start, end);
    case 4:
      return days360eu(start, end);
    case 2:
      return denominator ? days360us(start, end) : end - start;
    default:
      return end - start;
  }
}

/** The coupon dates around `settlement`: the last on or before it and the next after it. */
export function couponDates(settlement: number, maturity: number, frequency: number): { pcd: number; ncd: number } {
  const step = 12 / frequency;
  const toEnd = isMonthEnd(maturity);
  let [front, trailing] = [maturity, maturity];
  while (front > settlement) {
    trailing = front;
    front = addMonths(front, -step, toEnd);
  }
  return { pcd: front, ncd: trailing };
}

/** The number of coupons payable after settlement up to maturity. */
export function couponCount(settlement: number, maturity: number, frequency: number): number {
  const { ncd } = couponDates(settlement, maturity, frequency);
  const [n, m] = [ymd(ncd), ymd(maturity)];
  return Math.floor((m.y * 12 + m.m - (n.y * 12 + n.m)) / (12 / frequency)) + 1;
}

/** The length in days of the coupon period that holds settlement (E). */
export function couponDays(settlement: number, maturity: number, frequency: number, basis: number): number {
  if (basis === 1) {
    const { pcd, ncd } = couponDates(settlement, maturity, frequency);
    return ncd - pcd;
  }
  return (basis === 3 ? 365 : 360) / frequency;
}

/** Days from the start of the coupon period to settlement (A). */
export function couponDaysBefore(settlement: number, maturity: number, frequency: number, basis: number): number {
  return daysBetween(couponDates(settlement, maturity, frequency).pcd, settlement, basis);
}

/** Days from settlement to the next coupon date (DSC); for basis 0, E − A as Excel keeps them consistent. */
export function couponDaysAfter(settlement: number, maturity: number, frequency: number, basis: number): number {
  const { pcd, ncd } = couponDates(settlement, maturity, frequency);
  if (basis === 0) return days360us(pcd, ncd, true) - days360us(pcd, settlement);
  return daysBetween(settlement, ncd, basis);
}
