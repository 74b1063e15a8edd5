/**
 * Undo and redo over whole documents. Documents are immutable values, so a step is just the
 * document before it. Edits that share a `coalesce` key within a short time (keystrokes in one
 * field, one slider drag) are one step.
 */
export class History<T> {
  private readonly past: { value: T; key?: string; at: number }[] = [];
  private future: T[] = [];

  constructor(
    private readonly limit = 200,
    private readonly coalesceMs = 1000,
  ) {}

  /** Records `before` as the state an edit leaves. */
  record(before: T, coalesce?: string, now = Date.now()): void {
    const last = this.past[this.past.length - 1];
    this.future = [];
    if (coalesce && last?.key === coalesce && now - last.at < this.coalesceMs) {
      last.at = now; // same gesture: keep the state before it began
      return;
    }
    this.past.push({ value: before, key: coalesce, at: now });
    if (this.past.length > this.limit) this.past.shift();
  }

  undo(current: T): T | undefined {
    const step = this.past.pop();
    if (!step) return undefined;
    this.future.push(current);
    return step.value;
  }

  redo(current: T): T | undefined {
    const next = this.future.pop();
    if (next === undefined) return undefined;
    this.past.push({ value: current, at: 0 });
    return next;
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
