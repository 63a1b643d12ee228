import assert from "node:assert/strict";
import { askedHealthcheck } from "./health_check.ts";

Deno.test("a health check is asked only with a test to run", () => {
  assert.equal(askedHealthcheck({ Image: "alpine" }), undefined);
  assert.equal(askedHealthcheck({ Image: "alpine", Healthcheck: { Test: ["NONE"] } }), undefined);
  assert.equal(askedHealthcheck({ Image: "alpine", Healthcheck: { Test: [] } }), undefined);
  assert.deepEqual(
    askedHealthcheck({
      Image: "alpine",
      Healthcheck: { Test: ["CMD-SHELL", "test -f /x"], Interval: 5e9, Retries: 3 },
    }),
    {
      test: ["CMD-SHELL", "test -f /x"],
      interval: 5e9,
      timeout: 0,
      startPeriod: 0,
      retries: 3,
      startInterval: 0,
    },
  );
});
