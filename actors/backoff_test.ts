import assert from "node:assert/strict";
import { backoffDelay, stablePeriod } from "./backoff.ts";

Deno.test("backoff doubles from min up to max", () => {
  const options = { minMs: 100, maxMs: 1_000, randomFactor: 0 };
  const delays = [0, 1, 2, 3, 4, 5, 40].map((count) => backoffDelay(count, options));
  assert.deepEqual(delays, [100, 200, 400, 800, 1_000, 1_000, 1_000]);
});

Deno.test("the random factor adds at most its share of the delay", () => {
  const low = backoffDelay(2, { minMs: 100, maxMs: 1_000, randomFactor: 0.5, random: () => 0 });
  const high = backoffDelay(2, {
    minMs: 100,
    maxMs: 1_000,
    randomFactor: 0.5,
    random: () => 0.999,
  });
  assert.equal(low, 400);
  assert.ok(high > 599 && high < 600, `got ${high}`);
});

Deno.test("a child counts as stable after (min + max) / 2 unless told otherwise", () => {
  assert.equal(stablePeriod({ minMs: 100, maxMs: 1_000, randomFactor: 0 }), 550);
  assert.equal(stablePeriod({ minMs: 100, maxMs: 1_000, randomFactor: 0, resetAfterMs: 5 }), 5);
});
