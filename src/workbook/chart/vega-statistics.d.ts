// vega-statistics ships no types; this is the one function Cellar uses (the binning Vega-Lite uses).
declare module 'vega-statistics' {
  export function bin(options: { extent: [number, number]; maxbins?: number; step?: number; nice?: boolean; minstep?: number; divide?: number[] }): { start: number; stop: number; step: number };
}
