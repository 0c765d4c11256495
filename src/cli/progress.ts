import type { Writable } from "node:stream";

/** Runs over fewer files finish before a progress line would help. */
export const PROGRESS_MIN_FILES = 20;
const REDRAW_INTERVAL_MS = 100;

/** A single self-overwriting `[n/total] path` line on a terminal's stderr. */
export class Progress {
  private lastDraw = -Infinity;
  private drawn = false;

  constructor(
    private readonly stream: Writable & { columns?: number },
    private readonly total: number,
  ) {}

  update(done: number, label: string): void {
    const now = Date.now();
    if (now - this.lastDraw < REDRAW_INTERVAL_MS) return;
    this.lastDraw = now;
    const width = Math.max(20, (this.stream.columns ?? 80) - 1);
    const line = `[${done}/${this.total}] ${label}`;
    this.stream.write(`\r\u001b[K${line.length > width ? line.slice(0, width - 1) + "…" : line}`);
    this.drawn = true;
  }

  finish(): void {
    if (this.drawn) this.stream.write("\r\u001b[K");
  }
}
