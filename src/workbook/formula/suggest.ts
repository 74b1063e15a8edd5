/** Edit distance between two words (Levenshtein), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const x = a.toUpperCase();
  const y = b.toUpperCase();
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[y.length]!;
}

// Suggestions against a fixed list (the function catalog), by word: an imported sheet calls the
// same missing function in thousands of cells, and each edit distance over 400 names adds up.
const remembered = new WeakMap<object, Map<string, string | undefined>>();

/** The closest of `candidates` to `word`, when it is close enough to be a likely typo. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  if (!Object.isFrozen(candidates)) return closestOf(word, candidates);
  let known = remembered.get(candidates);
  if (!known) remembered.set(candidates, (known = new Map()));
  if (!known.has(word)) known.set(word, closestOf(word, candidates));
  return known.get(word);
}

function closestOf(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = editDistance(word, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const allowed = Math.max(1, Math.floor(word.length / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** ` — did you mean X?`, or nothing. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const c = closest(word, candidates);
  return c ? ` — did you mean ${c}?` : '';
}

/** A message about `word` ending with a suggestion (`… — did you mean SUM?`) or a full stop. */
export function withSuggestion(message: string, word: string, candidates: Iterable<string>): string {
  return `${message}${didYouMean(word, candidates) || '.'}`;
}
