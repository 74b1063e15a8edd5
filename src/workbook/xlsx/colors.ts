/**
 * Excel colours as RRGGBB: an explicit ARGB, an entry of the legacy 64-colour palette (`indexed`),
 * or a theme colour (`theme`, with an optional `tint` that lightens or darkens it), resolved
 * against the workbook's theme part as Excel resolves them.
 */
export interface ExcelColor {
  argb?: string;
  theme?: number;
  tint?: number;
  indexed?: number;
}

/** The default palette of `indexed` colours (BIFF8's; 64 is the system foreground, 65 the background). */
const INDEXED = [
  '000000', 'FFFFFF', 'FF0000', '00FF00', '0000FF', 'FFFF00', 'FF00FF', '00FFFF',
  '000000', 'FFFFFF', 'FF0000', '00FF00', '0000FF', 'FFFF00', 'FF00FF', '00FFFF',
  '800000', '008000', '000080', '808000', '800080', '008080', 'C0C0C0', '808080',
  '9999FF', '993366', 'FFFFCC', 'CCFFFF', '660066', 'FF8080', '0066CC', 'CCCCFF',
  '000080', 'FF00FF', 'FFFF00', '00FFFF', '800080', '800000', '008080', '0000FF',
  '00CCFF', 'CCFFFF', 'CCFFCC', 'FFFF99', '99CCFF', 'FF99CC', 'CC99FF', 'FFCC99',
  '3366FF', '33CCCC', '99CC00', 'FFCC00', 'FF9900', 'FF6600', '666699', '969696',
  '003366', '339966', '003300', '333300', '993300', '993366', '333399', '333333',
  '000000', 'FFFFFF',
];

/** The theme's colour scheme in the order cells index it: lt1, dk1, lt2, dk2 (Excel swaps each pair), accent1–6, hlink, folHlink. */
const SCHEME = ['lt1', 'dk1', 'lt2', 'dk2', 'accent1', 'accent2', 'accent3', 'accent4', 'accent5', 'accent6', 'hlink', 'folHlink'];

/** The theme part's colours (xl/theme/theme1.xml), RRGGBB in the order `theme` indexes them; [] when it has none. */
export function themeColors(xml: string | undefined): string[] {
  if (!xml) return [];
  const scheme = /<a:clrScheme\b[\s\S]*?<\/a:clrScheme>/.exec(xml)?.[0];
  if (!scheme) return [];
  return SCHEME.map((name) => {
    const entry = new RegExp(`<a:${name}>([\\s\\S]*?)</a:${name}>`).exec(scheme)?.[1] ?? '';
    // sysClr (window text, window) carries the colour it last had in lastClr.
    return (/<a:srgbClr val="([0-9A-Fa-f]{6})"/.exec(entry)?.[1] ?? /lastClr="([0-9A-Fa-f]{6})"/.exec(entry)?.[1] ?? '').toUpperCase();
  });
}

/** The colour as RRGGBB, or undefined when it names nothing this file defines. */
export function resolveColor(c: ExcelColor | undefined, theme: readonly string[]): string | undefined {
  if (!c) return undefined;
  if (typeof c.argb === 'string' && /^[0-9A-Fa-f]{8}$/.test(c.argb)) return c.argb.slice(2).toUpperCase();
  const base = c.theme !== undefined ? theme[c.theme] : c.indexed !== undefined ? INDEXED[c.indexed] : undefined;
  if (!base) return undefined;
  return c.tint ? tinted(base, c.tint) : base;
}

/** Excel's tint: the colour's HSL lightness scaled toward black (tint < 0) or white (tint > 0). */
export function tinted(rgb: string, tint: number): string {
  const [h, s, l] = toHsl(rgb);
  const lum = tint < 0 ? l * (1 + tint) : l * (1 - tint) + tint;
  return fromHsl(h, s, Math.min(1, Math.max(0, lum)));
}

function toHsl(rgb: string): [number, number, number] {
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(rgb.slice(i, i + 2), 16) / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  const h = max === r ? (g - b) / d + (g < b ? 6 : 0) : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return [h / 6, s, l];
}

function fromHsl(h: number, s: number, l: number): string {
  const channel = (t: number) => {
    if (s === 0) return l;
    const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
    const p = 2 * l - q;
    const u = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
    if (u < 1 / 6) return p + (q - p) * 6 * u;
    if (u < 1 / 2) return q;
    if (u < 2 / 3) return p + (q - p) * (2 / 3 - u) * 6;
    return p;
  };
  return [channel(h + 1 / 3), channel(h), channel(h - 1 / 3)].map((v) => Math.round(v * 255).toString(16).padStart(2, '0')).join('').toUpperCase();
}
