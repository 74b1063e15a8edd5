import type { FunctionSpec } from '../../catalog';
import { textAround } from './around';
import { CHAR, CODE, UNICHAR, UNICODE } from './codes';
import { FIXED } from './decimal';
import { finder } from './find';
import { TEXT } from './format';
import { CONCAT, CONCATENATE, TEXTJOIN } from './join';
import { ONE_TEXT } from './one-text';
import { LEN, MID, REPLACE, side } from './positions';
import { EXACT, REPT } from './rept-exact';
import { REGEXEXTRACT, REGEXREPLACE, REGEXTEST } from './regex';
import { TEXTSPLIT } from './split';
import { ARRAYTOTEXT, VALUETOTEXT } from './to-text';
import { SUBSTITUTE } from './substitute';
import { VALUE } from './value';

export { chars } from './shared';

export const TEXT_FUNCTIONS: FunctionSpec[] = [
  side('LEFT'),
  side('RIGHT'),
  MID,
  LEN,
  finder('FIND'),
  finder('SEARCH'),
  SUBSTITUTE,
  REPLACE,
  CONCAT,
  CONCATENATE,
  TEXTJOIN,
  ...ONE_TEXT,
  REPT,
  TEXT,
  VALUE,
  FIXED,
  EXACT,
  CHAR,
  CODE,
  UNICHAR,
  UNICODE,
  textAround('before'),
  textAround('after'),
  TEXTSPLIT,
  VALUETOTEXT,
  ARRAYTOTEXT,
  REGEXTEST,
  REGEXEXTRACT,
  REGEXREPLACE,
];
