/**
 * The progress line a long walk shows on stderr when stderr is a terminal: the count of
 * varbinds and the rate, redrawn at most four times a second, erased at the end.
 */
import type { CliIo } from '../io.js';

/** A redrawn status line on a terminal. */
export class Progress {
  readonly #io: CliIo;
  readonly #now: () => number;
  readonly #start: number;
  #lastDraw = 0;
  #shown = false;

  /** @param now milliseconds clock. Default `performance.now`. */
  constructor(io: CliIo, now: () => number = () => performance.now()) {
    this.#io = io;
    this.#now = now;
    this.#start = now();
  }

  /** Notes the count; redraws when the last drawing is older than 250 ms (and the walk is older than 1 s). */
  update(count: number): void {
    const now = this.#now();
    if (now - this.#start < 1000 || now - this.#lastDraw < 250) return;
    this.#lastDraw = now;
    const rate = Math.round(count / ((now - this.#start) / 1000));
    this.#io.stderr(`\r\x1b[K${count} varbinds, ${rate}/s`);
    this.#shown = true;
  }

  /** Erases the line, if it was drawn. */
  clear(): void {
    if (!this.#shown) return;
    this.#io.stderr('\r\x1b[K');
    this.#shown = false;
  }
}
