/** A small timing harness: runs a function in timed rounds and reports the median rate. */

/** Options of {@link measure}. */
export interface MeasureOptions {
  /** Timed rounds; the median is reported. Default 5. */
  rounds?: number;
  /** Length of one round in milliseconds. Default 400. */
  roundMs?: number;
  /** Untimed warm-up in milliseconds. Default 300. */
  warmupMs?: number;
}

/** Runs `fn` repeatedly; returns the median operations per second over the rounds. */
export function measure(fn: () => unknown, options: MeasureOptions = {}): number {
  const rounds = options.rounds ?? 5;
  const roundMs = options.roundMs ?? 400;
  const warmupMs = options.warmupMs ?? 300;
  let sink: unknown;
  const warmEnd = performance.now() + warmupMs;
  while (performance.now() < warmEnd) for (let i = 0; i < 100; i++) sink = fn();
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let ops = 0;
    const start = performance.now();
    const end = start + roundMs;
    let now = start;
    while (now < end) {
      for (let i = 0; i < 200; i++) sink = fn();
      ops += 200;
      now = performance.now();
    }
    rates.push((ops * 1000) / (now - start));
  }
  if (sink === Symbol.for('never')) console.log(sink);
  return median(rates);
}

/** The median of a list of numbers. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Formats a rate with thousands separators. */
export function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
