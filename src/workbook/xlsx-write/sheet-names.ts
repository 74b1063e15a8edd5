const MAX_LENGTH = 31;
const FORBIDDEN = /[[\]:*?/\\]/g;

/**
 * Worksheet names Excel accepts, one per wanted name, in order: at most 31 characters, none of
 * `[]:*?/\`, not empty, not starting or ending with `'`, not "History" (Excel reserves it), and
 * unique without regard to case. A name that already follows the rules is kept as it is; others
 * have the bad characters replaced by `_`, are cut, and get ` (2)`, ` (3)` … on a clash.
 */
export function worksheetNames(wanted: readonly string[]): string[] {
  const taken = new Set<string>();
  return wanted.map((name) => {
    const base = validBase(name);
    let candidate = base;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      candidate = cut(base, MAX_LENGTH - suffix.length) + suffix;
    }
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

/** The name with Excel's rules applied, before uniqueness. */
function validBase(name: string): string {
  let s = name.replace(FORBIDDEN, '_').replace(/[\u0000-\u001f]/g, '_');
  s = s.replace(/^'+|'+$/g, (m) => '_'.repeat(m.length));
  if (s.trim() === '') s = 'Sheet';
  if (s.toLowerCase() === 'history') s = `${s}_`;
  return cut(s, MAX_LENGTH);
}

/** The text cut to at most `max` UTF-16 units, never inside a surrogate pair. */
function cut(text: string, max: number): string {
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

/** The name as a formula writes it before `!`: quoted (with `'` doubled) unless it is a plain word. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}[0-9]+$/.test(name) && !/^R\d*C\d*$/i.test(name)
    ? name
    : `'${name.replaceAll("'", "''")}'`;
}
