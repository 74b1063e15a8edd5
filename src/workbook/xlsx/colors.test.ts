import { existsSync, readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, test } from 'vitest';
import { resolveColor, themeColors, tinted } from './colors';

const THEME = `<a:theme><a:themeElements><a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2><a:accent1><a:srgbClr val="4472C4"/></a:accent1><a:accent2><a:srgbClr val="ED7D31"/></a:accent2><a:accent3><a:srgbClr val="A5A5A5"/></a:accent3><a:accent4><a:srgbClr val="FFC000"/></a:accent4><a:accent5><a:srgbClr val="5B9BD5"/></a:accent5><a:accent6><a:srgbClr val="70AD47"/></a:accent6><a:hlink><a:srgbClr val="0563C1"/></a:hlink><a:folHlink><a:srgbClr val="954F72"/></a:folHlink></a:clrScheme></a:themeElements></a:theme>`;

describe('Excel colours: ARGB, the indexed palette, and theme colours with their tint', () => {
  test('the theme is indexed as cells index it: light 1 before dark 1, light 2 before dark 2, then the accents', () => {
    const theme = themeColors(THEME);
    expect(theme.slice(0, 6)).toEqual(['FFFFFF', '000000', 'E7E6E6', '44546A', '4472C4', 'ED7D31']);
    expect(resolveColor({ theme: 5 }, theme)).toBe('ED7D31');
  });

  test("a tint lightens toward white or darkens toward black, as Excel's 'Lighter 80%' and 'Darker 25%' do", () => {
    expect(tinted('ED7D31', 0.79998168889431442)).toBe('FBE5D6');
    expect(tinted('4472C4', -0.249977111117893)).toBe('2F5597');
    expect(tinted('000000', 0.5)).toBe('808080');
  });

  test('indexed colours come from the legacy palette; ARGB drops its alpha; an unknown theme is no colour', () => {
    expect(resolveColor({ indexed: 22 }, [])).toBe('C0C0C0');
    expect(resolveColor({ indexed: 64 }, [])).toBe('000000');
    expect(resolveColor({ argb: 'ff92d050' }, [])).toBe('92D050');
    expect(resolveColor({ theme: 4 }, [])).toBeUndefined();
    expect(resolveColor({}, themeColors(THEME))).toBeUndefined();
  });

  // A workbook saved by Excel 365 (its "Sheets" theme), where the corpus is on this machine.
  const saved = ['../shared', '/work/shared'].map((d) => `${d}/excel-conformance/DATABASE/DMIN_DMAX_DAVERAGE_DSUM.xlsx`).find(existsSync);
  test.skipIf(!saved)('a workbook saved by Excel: its theme part is read', () => {
    const path = saved!;
    const theme = themeColors(strFromU8(unzipSync(readFileSync(path))['xl/theme/theme1.xml']!));
    expect(theme.slice(0, 5)).toEqual(['FFFFFF', '000000', 'FFFFFF', '000000', '145F82']);
  });
});
