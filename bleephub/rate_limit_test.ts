import assert from "node:assert/strict";
import { RateLimiter } from "./rate_limit.ts";

Deno.test("rate limiter counts per key and refills after the window", () => {
  const limiter = new RateLimiter(1000);
  assert.deepEqual(limiter.take("a", 2, 0), {
    limit: 2,
    used: 1,
    remaining: 1,
    reset: 1,
    exceeded: false,
  });
  assert.equal(limiter.take("a", 2, 10).remaining, 0);
  assert.equal(limiter.take("a", 2, 20).exceeded, true);
  assert.equal(limiter.take("b", 2, 20).exceeded, false);
  assert.equal(limiter.take("a", 2, 1000).exceeded, false);
});
