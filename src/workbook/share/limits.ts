import type { WorkbookDocument } from '../document';
import { ShareLinkError } from './errors';

/**
 * What a link may hold. A link is opened by a click, by anyone it reaches: past these, opening it
 * would take the opener's tab minutes (a link of 5,000 cells froze it). A bigger workbook travels
 * as a file (Export) or published on a server.
 */
export const LINK_LIMITS = {
  /** Characters of the link's payload (what follows `#w=`), checked before anything is unpacked. */
  chars: 8_000_000,
  blocks: 500,
  /** Sheet cells, summed over the link's sheets. */
  sheetCells: 100_000,
} as const;

const count = new Intl.NumberFormat('en-US');
const ASK = 'Ask for the workbook as a file (Export) or published on a server instead.';

/** Refuses a payload too long to unpack, in words. */
export function checkPayloadLength(chars: number): void {
  if (chars > LINK_LIMITS.chars) {
    throw new ShareLinkError(`This link is too long to open: ${count.format(chars)} characters, and a link opens up to ${count.format(LINK_LIMITS.chars)}. ${ASK}`);
  }
}

/** Refuses a workbook with more blocks or sheet cells than a link may carry, in words. */
export function checkLinkWorkbook(doc: WorkbookDocument): void {
  if (doc.blocks.length > LINK_LIMITS.blocks) {
    throw new ShareLinkError(`This link's workbook has ${count.format(doc.blocks.length)} blocks, and a link opens at most ${count.format(LINK_LIMITS.blocks)}. ${ASK}`);
  }
  let cells = 0;
  for (const b of doc.blocks) if (b.kind === 'sheet') cells += Object.keys(b.cells).length;
  if (cells > LINK_LIMITS.sheetCells) {
    throw new ShareLinkError(`This link's sheets hold ${count.format(cells)} cells, and a link opens at most ${count.format(LINK_LIMITS.sheetCells)}. ${ASK}`);
  }
}
