/**
 * Exponential backoff between restarts, after Pekko's `restartWithBackoff(min, max, randomFactor)`:
 * the delay doubles per consecutive restart up to `maxMs`, then grows by a random share so that
 * many actors failing together do not all come back at the same instant.
 *
 * @module
 */

/** How restart delays grow. */
export interface BackoffOptions {
  /** The first delay. */
  minMs: number;
  /** The cap before the random share is added. */
  maxMs: number;
  /** Adds up to this share of the delay at random (0.2 → up to +20 %). */
  randomFactor: number;
  /** A child that ran this long counts as stable: its next restart starts from `minMs` again.
   * Defaults to `(minMs + maxMs) / 2`, as in Pekko. */
  resetAfterMs?: number;
  /** The random source (0 ≤ x < 1); `Math.random` unless a test needs a fixed sequence. */
  random?: () => number;
}

/**
 * The delay before restart number `restartCount` (0 for the first restart after a stable run).
 *
 * @example
 * ```ts
 * backoffDelay(3, { minMs: 100, maxMs: 10_000, randomFactor: 0 }); // 800
 * ```
 */
export function backoffDelay(restartCount: number, options: BackoffOptions): number {
  const jitter = 1 + (options.random ?? Math.random)() * options.randomFactor;
  const exponential = restartCount >= 30 ? Infinity : options.minMs * 2 ** restartCount;
  return Math.min(options.maxMs, exponential) * jitter;
}

/** How long a child must run before its restart count resets. */
export function stablePeriod(options: BackoffOptions): number {
  return options.resetAfterMs ?? (options.minMs + options.maxMs) / 2;
}
