/**
 * An edit undone by operation: what it changed and back, applied to the document as it is then.
 * A sheet edit records only its cells (before and after), never the document it was made on.
 */
export interface Operation<T> {
  undo(current: T): T;
  redo(current: T): T;
}

/** One step: an operation, or (for any other edit) the whole document before it. */
type Step<T> = { op: Operation<T> } | { value: T };

/**
 * Undo and redo. Most edits are steps over whole documents: documents are immutable values that
 * share every unchanged block, so a step is just the document before it. Edits that say what they
 * changed (sheet cells) are operations instead. Edits that share a `coalesce` key within a short
 * time (keystrokes in one field, one slider drag) are one step.
 */
export class History<T> {
  private readonly past: (Step<T> & { key?: string; at: number })[] = [];
  private future: Step<T>[] = [];

  constructor(
    private readonly limit = 200,
    private readonly coalesceMs = 1000,
  ) {}

  /** Records `before` as the state an edit leaves, or the edit's operation when it has one. */
  record(before: T, coalesce?: string, now = Date.now(), op?: Operation<T>): void {
    const last = this.past[this.past.length - 1];
    this.future = [];
    if (!op && coalesce && last?.key === coalesce && 'value' in last && now - last.at < this.coalesceMs) {
      last.at = now; // same gesture: keep the state before it began
      return;
    }
    this.past.push({ ...(op ? { op } : { value: before }), key: coalesce, at: now });
    if (this.past.length > this.limit) this.past.shift();
  }

  undo(current: T): T | undefined {
    const step = this.past.pop();
    if (!step) return undefined;
    if ('op' in step) {
      this.future.push({ op: step.op });
      return step.op.undo(current);
    }
    this.future.push({ value: current });
    return step.value;
  }

  redo(current: T): T | undefined {
    const next = this.future.pop();
    if (next === undefined) return undefined;
    if ('op' in next) {
      this.past.push({ op: next.op, at: 0 });
      return next.op.redo(current);
    }
    this.past.push({ value: current, at: 0 });
    return next.value;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  clear(): void {
    this.past.length = 0;
    this.future = [];
  }
}
