import type { FunctionSpec } from '../../catalog';
import { IRR, MIRR, NPV, XIRR, XNPV } from './cashflows';
import { ACCRINT, ACCRINTM, COUPDAYBS, COUPDAYS, COUPDAYSNC, COUPNCD, COUPNUM, COUPPCD } from './coupons';
import { DB, DDB, SLN, SYD, VDB } from './depreciation';
import { DOLLARDE, DOLLARFR, EFFECT, FVSCHEDULE, NOMINAL, PDURATION, RRI } from './rates';
import { CUMIPMT, CUMPRINC, FV, IPMT, ISPMT, NPER, PMT, PPMT, PV, RATE } from './tvm';

export const FINANCIAL_FUNCTIONS: FunctionSpec[] = [
  ...[PV, FV, PMT, IPMT, PPMT, NPER, RATE, CUMIPMT, CUMPRINC, ISPMT],
  ...[NPV, XNPV, IRR, XIRR, MIRR],
  ...[PDURATION, RRI, EFFECT, NOMINAL, FVSCHEDULE, DOLLARDE, DOLLARFR],
  ...[SLN, SYD, DB, DDB, VDB],
  ...[COUPDAYBS, COUPDAYS, COUPDAYSNC, COUPNCD, COUPNUM, COUPPCD, ACCRINT, ACCRINTM],
];
