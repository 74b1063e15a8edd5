/** Sheets that hold one kind of thing the import leaves out, to say so in one sentence. */
export class LeftOut {
  private readonly kinds = new Map<string, Set<string>>();
  private readonly sentences: string[] = [];

  /** `what` is plural and reads before "on Sheet1 and Sheet2": "Charts", "Comments". */
  add(what: string, sheet: string): void {
    (this.kinds.get(what) ?? this.kinds.set(what, new Set()).get(what)!).add(sheet);
  }

  /** A sentence about the whole workbook. */
  say(sentence: string): void {
    this.sentences.push(sentence);
  }

  list(): string[] {
    const perSheet = [...this.kinds].map(([what, sheets]) => `${what} on ${listWords([...sheets])} were not imported.`);
    return [...perSheet, ...this.sentences];
  }
}

/** `A`, `A and B`, `A, B and C`; sheet names in quotes so spaces read clearly. */
export function listWords(items: string[]): string {
  const q = items.map((s) => `"${s}"`);
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}
