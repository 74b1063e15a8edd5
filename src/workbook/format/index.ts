export { canonicalInput, FORMAT_PRESETS } from './codes';
export { formatCodeProblem, formatGridNumber, formatShown, GENERAL, generalIn, gridDataValue, sheetDataValue, type ShownValue } from './display';
export { DEFAULT_LOCALE, isKnownLocale, LOCALES } from './locales';
export { impliedFormat, parseInput, type TypedInput } from './parse';
