/**
 * Per-caller request budgets with GitHub's numbers: 5,000 an hour for a token, 60 for an
 * anonymous address. The counters are kept in memory: a restart refilling them is harmless.
 */

export interface RateState {
  limit: number;
  remaining: number;
  used: number;
  /** Epoch seconds when the window resets. */
  reset: number;
}

export class RateLimiter {
  #windows = new Map<string, { start: number; used: number; limit: number }>();

  constructor(readonly windowMs = 3_600_000) {}

  /** Counts one request for `key`; `exceeded` is true once the budget is spent. */
  take(key: string, limit: number, nowMs = Date.now()): RateState & { exceeded: boolean } {
    let w = this.#windows.get(key);
    if (!w || nowMs - w.start >= this.windowMs) {
      w = { start: nowMs, used: 0, limit };
      this.#windows.set(key, w);
    }
    const exceeded = w.used >= limit;
    if (!exceeded) w.used++;
    return {
      limit,
      used: w.used,
      remaining: Math.max(0, limit - w.used),
      reset: Math.ceil((w.start + this.windowMs) / 1000),
      exceeded,
    };
  }

  peek(key: string, limit: number, nowMs = Date.now()): RateState {
    const w = this.#windows.get(key);
    if (!w || nowMs - w.start >= this.windowMs) {
      return { limit, used: 0, remaining: limit, reset: Math.ceil((nowMs + this.windowMs) / 1000) };
    }
    return {
      limit,
      used: w.used,
      remaining: Math.max(0, limit - w.used),
      reset: Math.ceil((w.start + this.windowMs) / 1000),
    };
  }
}

export function rateHeaders(s: RateState, resource: string): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(s.limit),
    "X-RateLimit-Remaining": String(s.remaining),
    "X-RateLimit-Reset": String(s.reset),
    "X-RateLimit-Used": String(s.used),
    "X-RateLimit-Resource": resource,
  };
}
