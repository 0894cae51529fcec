/** The median of timings or rates (the upper middle for an even count): what every benchmark reports. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
}
