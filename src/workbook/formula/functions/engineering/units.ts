// CONVERT's units, as Excel's CONVERT documents them: each kind's units with their size in the
// kind's base unit (gram, metre, second, pascal, newton, joule, watt, tesla, kelvin, cubic metre,
// square metre, bit, metre per second). A unit marked `prefix` takes a metric prefix ("km", "mg");
// its power says how the prefix scales (km2 is 10^6 m2, km3 is 10^9 m3). bit and byte also take
// binary prefixes ("kibyte" is 1024 bytes).

export type UnitKind = 'mass' | 'distance' | 'time' | 'pressure' | 'force' | 'energy' | 'power' | 'magnetism' | 'temperature' | 'volume' | 'area' | 'information' | 'speed';

export interface Unit {
  kind: UnitKind;
  /** The first of its names ("C" for "cel" too). */
  name: string;
  /** The unit's size in its kind's base unit (temperatures: see toKelvin). */
  factor: number;
  /** 0: no prefix; 1, 2, 3: a prefix scales it to that power. */
  prefixPower: number;
  binary?: boolean;
}

const ft = 0.3048;
const inch = 0.0254;
const pica = inch / 72;
const mi = 1609.344;
const ly = 9460730472580800;
const lbf = 4.4482216152605;
const hp = 745.69987158227022;

/** [names separated by spaces, factor, prefix power]. */
const TABLE: Record<UnitKind, [string, number, number?][]> = {
  mass: [
    ['g', 1, 1],
    ['sg', 14593.902937206364],
    ['lbm', 453.59237],
    ['u', 1.660538782e-24, 1],
    ['ozm', 28.349523125],
    ['grain', 0.06479891],
    ['cwt shweight', 45359.237],
    ['uk_cwt lcwt hweight', 50802.34544],
    ['stone', 6350.29318],
    ['ton', 907184.74],
    ['brton LTON uk_ton', 1016046.9088],
  ],
  distance: [
    ['m', 1, 1],
    ['mi', mi],
    ['Nmi', 1852],
    ['in', inch],
    ['ft', ft],
    ['yd', 0.9144],
    ['ang', 1e-10, 1],
    ['ell', 1.143],
    ['ly', ly, 1],
    ['parsec pc', 30856775812815532, 1],
    ['Picapt Pica', pica],
    ['pica', inch / 6],
    ['survey_mi', 6336000 / 3937],
  ],
  time: [
    ['yr', 31557600],
    ['day d', 86400],
    ['hr', 3600],
    ['mn min', 60],
    ['sec s', 1, 1],
  ],
  pressure: [
    ['Pa p', 1, 1],
    ['atm at', 101325, 1],
    ['mmHg', 133.322, 1],
    ['psi', lbf / (inch * inch)],
    ['Torr', 101325 / 760],
  ],
  force: [
    ['N', 1, 1],
    ['dyn dy', 1e-5, 1],
    ['lbf', lbf],
    ['pond', 0.00980665, 1],
  ],
  energy: [
    ['J', 1, 1],
    ['e', 1e-7, 1],
    ['c', 4.184, 1],
    ['cal', 4.1868, 1],
    ['eV ev', 1.602176487e-19, 1],
    ['HPh hh', hp * 3600],
    ['Wh wh', 3600, 1],
    ['flb', lbf * ft],
    ['BTU btu', 1055.05585262],
  ],
  power: [
    ['HP h', hp],
    ['PS', 735.49875],
    ['W w', 1, 1],
  ],
  magnetism: [
    ['T', 1, 1],
    ['ga', 1e-4, 1],
  ],
  temperature: [
    ['C cel', 1],
    ['F fah', 1],
    ['K kel', 1, 1],
    ['Rank', 1],
    ['Reau', 1],
  ],
  volume: [
    ['tsp', 4.92892159375e-6],
    ['tspm', 5e-6],
    ['tbs', 1.478676478125e-5],
    ['oz', 2.95735295625e-5],
    ['cup', 2.365882365e-4],
    ['pt us_pt', 4.73176473e-4],
    ['uk_pt', 5.6826125e-4, 1],
    ['qt', 9.46352946e-4],
    ['uk_qt', 1.1365225e-3],
    ['gal', 3.785411784e-3],
    ['uk_gal', 4.54609e-3],
    ['l L lt', 1e-3, 1],
    ['ang3 ang^3', 1e-30, 3],
    ['barrel', 0.158987294928],
    ['bushel', 0.03523907016688],
    ['ft3 ft^3', ft ** 3],
    ['in3 in^3', inch ** 3],
    ['ly3 ly^3', ly ** 3],
    ['m3 m^3', 1, 3],
    ['mi3 mi^3', mi ** 3],
    ['yd3 yd^3', 0.9144 ** 3],
    ['Nmi3 Nmi^3', 1852 ** 3],
    ['Picapt3 Picapt^3 Pica3 Pica^3', pica ** 3],
    ['GRT regton', 2.8316846592],
    ['MTON', 1.13267386368],
  ],
  area: [
    ['uk_acre', 4046.8564224],
    ['us_acre', 4046.8726098742522],
    ['ang2 ang^2', 1e-20, 2],
    ['ar', 100, 1],
    ['ft2 ft^2', ft * ft],
    ['ha', 10000],
    ['in2 in^2', inch * inch],
    ['ly2 ly^2', ly * ly],
    ['m2 m^2', 1, 2],
    ['Morgen', 2500],
    ['mi2 mi^2', mi * mi],
    ['Nmi2 Nmi^2', 1852 * 1852],
    ['Picapt2 Pica2 Pica^2 Picapt^2', pica * pica],
    ['yd2 yd^2', 0.9144 * 0.9144],
  ],
  information: [
    ['bit', 1, 1],
    ['byte', 8, 1],
  ],
  speed: [
    ['admkn', (6080 * ft) / 3600],
    ['kn', 1852 / 3600],
    ['m/h m/hr', 1 / 3600, 1],
    ['m/s m/sec', 1, 1],
    ['mph', mi / 3600, 1],
  ],
};

const UNITS = new Map<string, Unit>();
for (const [kind, rows] of Object.entries(TABLE) as [UnitKind, [string, number, number?][]][]) {
  for (const [names, factor, prefixPower = 0] of rows) {
    const all = names.split(' ');
    for (const name of all) UNITS.set(name, { kind, name: all[0]!, factor, prefixPower, binary: kind === 'information' });
  }
}

const PREFIXES: Record<string, number> = {
  Y: 1e24, Z: 1e21, E: 1e18, P: 1e15, T: 1e12, G: 1e9, M: 1e6, k: 1e3, h: 1e2, da: 1e1, e: 1e1,
  d: 1e-1, c: 1e-2, m: 1e-3, u: 1e-6, n: 1e-9, p: 1e-12, f: 1e-15, a: 1e-18, z: 1e-21, y: 1e-24,
};
const BINARY_PREFIXES: Record<string, number> = { Yi: 2 ** 80, Zi: 2 ** 70, Ei: 2 ** 60, Pi: 2 ** 50, Ti: 2 ** 40, Gi: 2 ** 30, Mi: 2 ** 20, ki: 2 ** 10 };

/** A unit's text read as Excel reads it (case matters): a unit by its name, else a prefix and a unit that takes one. */
export function readUnit(text: string): { unit: Unit; scale: number } | undefined {
  const exact = UNITS.get(text);
  if (exact) return { unit: exact, scale: 1 };
  for (const [prefix, size] of Object.entries(BINARY_PREFIXES)) {
    const u = text.startsWith(prefix) ? UNITS.get(text.slice(prefix.length)) : undefined;
    if (u?.binary) return { unit: u, scale: size };
  }
  for (const length of [2, 1]) {
    const size = PREFIXES[text.slice(0, length)];
    const u = size === undefined ? undefined : UNITS.get(text.slice(length));
    if (u && u.prefixPower > 0) return { unit: u, scale: size! ** u.prefixPower };
  }
  return undefined;
}

/** A temperature in kelvin, from a value in the unit named (by its first name). */
export function toKelvin(unit: string, x: number): number {
  switch (unit) {
    case 'C':
      return x + 273.15;
    case 'F':
      return ((x - 32) * 5) / 9 + 273.15;
    case 'Rank':
      return (x * 5) / 9;
    case 'Reau':
      return x * 1.25 + 273.15;
    default:
      return x;
  }
}

/** A temperature in kelvin, as a value in the unit named. */
export function fromKelvin(unit: string, k: number): number {
  switch (unit) {
    case 'C':
      return k - 273.15;
    case 'F':
      return ((k - 273.15) * 9) / 5 + 32;
    case 'Rank':
      return (k * 9) / 5;
    case 'Reau':
      return (k - 273.15) * 0.8;
    default:
      return k;
  }
}
