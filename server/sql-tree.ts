/**
 * Visits every object node of a parse tree from DuckDB's json_serialize_sql, without recursion
 * (a tree can be thousands of levels deep). `visit` returns a value to stop with it.
 */
export function findInTree<T>(tree: unknown, visit: (node: Record<string, unknown>) => T | undefined): T | undefined {
  const stack: unknown[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    const record = node as Record<string, unknown>;
    const found = visit(record);
    if (found !== undefined) return found;
    for (const value of Object.values(record)) if (typeof value === 'object') stack.push(value);
  }
  return undefined;
}
