import type { FunctionSpec } from '../../catalog';
import { isFormulaError } from '../../errors';
import { errWhen, result } from '../../sql/coerce';
import { numberArg, sqlNum, sqlText, textArg } from '../helpers';
import { coerced, sqlInt, sqlLet, valueError } from './shared';

// ---- SUBSTITUTE

export const SUBSTITUTE: FunctionSpec = {
  name: 'SUBSTITUTE',
  category: 'text',
  summary: 'Replaces a text wherever it occurs in another (case-sensitively), or only its nth occurrence.',
  params: [{ name: 'text' }, { name: 'old_text' }, { name: 'new_text' }, { name: 'instance', optional: true }],
  example: { formula: '=SUBSTITUTE("a-b-c", "-", "+", 2)', result: 'a-b+c' },
  scalar(args) {
    const v = coerced(textArg(args, 0), textArg(args, 1), textArg(args, 2), args[3] === undefined ? undefined : numberArg(args, 3));
    if (isFormulaError(v)) return v;
    const [text, old, by, n] = v;
    const k = n === undefined ? undefined : Math.trunc(n);
    if (k !== undefined && k < 1) return valueError('SUBSTITUTE: the instance must be 1 or more.');
    if (old === '') return text;
    const parts = text.split(old);
    if (k === undefined) return parts.join(by);
    if (k >= parts.length) return text;
    return parts.slice(0, k).join(old) + by + parts.slice(k).join(old);
  },
  sql(args, ctx) {
    const [t, o, r] = [sqlText(args, 0), sqlText(args, 1), sqlText(args, 2)];
    if (args[3] === undefined) return result(`replace(${t.sql}, ${o.sql}, ${r.sql})`, 'text', [t, o, r]);
    const n = sqlNum(args, 3);
    const k = sqlInt(n.sql);
    // The nth occurrence starts after the first n parts of the text split at old_text.
    const replaced = sqlLet(ctx, `string_split(${t.sql}, ${o.sql})`, (parts) => {
      const x = ctx.alias();
      const pos = `CAST(list_sum(list_transform(list_slice(${parts}, 1, ${k}), lambda ${x}: length(${x}))) + (${k} - 1) * length(${o.sql}) AS BIGINT)`;
      return `CASE WHEN ${k} >= len(${parts}) THEN ${t.sql} ELSE left(${t.sql}, ${pos}) || ${r.sql} || substring(${t.sql}, ${pos} + length(${o.sql}) + 1) END`;
    });
    const bad = `trunc(${n.sql}) < 1`;
    const value = `CASE WHEN ${bad} THEN NULL WHEN ${o.sql} = '' THEN ${t.sql} ELSE ${replaced} END`;
    return result(value, 'text', [t, o, r, n, errWhen(bad, '#VALUE!')]);
  },
};
