/** The median of timings or rates (the upper middle for an even count): what every benchmark reports. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}

/**
 * Times an async case: `warmups` unmeasured runs, then `runs` measured ones; the median and the
 * slowest, in milliseconds. The case's result is checked by the caller before (a benchmark checks
 * that it returns what it names).
 */
export async function timeAsync(
  run: () => Promise<unknown>,
  { warmups = 3, runs = 15 }: { warmups?: number; runs?: number } = {},
): Promise<{ median: number; max: number }> {
  for (let i = 0; i < warmups; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await run();
    times.push(performance.now() - s);
  }
  return { median: median(times), max: Math.max(...times) };
}
