export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const median = (samples: number[]) => percentile(samples, 50);

/** Runs `fn` `n` times in sequence (after `warmup` unmeasured runs) and returns the latencies in ms. */
export async function timed(n: number, fn: (i: number) => Promise<unknown>, warmup = 10): Promise<number[]> {
  for (let i = 0; i < warmup; i += 1) await fn(-1 - i);
  const out: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const start = performance.now();
    await fn(i);
    out.push(performance.now() - start);
  }
  return out;
}

/**
 * Interleaves two measurements (A then B, round after round) so that machine noise hits both
 * alike; answers both sample sets.
 */
export async function paired(
  n: number,
  a: (i: number) => Promise<unknown>,
  b: (i: number) => Promise<unknown>,
  warmup = 10,
) {
  for (let i = 0; i < warmup; i += 1) {
    await a(-1 - i);
    await b(-1 - i);
  }
  const sa: number[] = [];
  const sb: number[] = [];
  for (let i = 0; i < n; i += 1) {
    let start = performance.now();
    await a(i);
    sa.push(performance.now() - start);
    start = performance.now();
    await b(i);
    sb.push(performance.now() - start);
  }
  return [sa, sb] as const;
}
