/**
 * Retries with exponential backoff and jitter for transient registry failures: network errors,
 * 5xx and 429 (honouring `Retry-After`). Aborting the signal stops waiting at once.
 *
 * @module
 */

/** How often and how patiently to retry. */
export interface RetryOptions {
  /** Total attempts, the first included. Default 4. */
  attempts?: number;
  /** Delay before the second attempt; doubles after each. Default 250 ms. */
  baseDelayMs?: number;
  /** Upper bound of one delay. Default 5 s. */
  maxDelayMs?: number;
  signal?: AbortSignal;
}

/** An HTTP answer worth retrying. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** The delay before attempt `attempt + 1` (0-based), with ±50% jitter. */
export function backoffDelay(
  attempt: number,
  options: RetryOptions = {},
  retryAfter?: string | null,
): number {
  const max = options.maxDelayMs ?? 5000;
  const seconds = retryAfter ? Number(retryAfter) : NaN;
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(max, seconds * 1000);
  const base = (options.baseDelayMs ?? 250) * 2 ** attempt;
  return Math.min(max, base / 2 + Math.random() * base / 2);
}

/** Waits, or rejects as soon as the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
