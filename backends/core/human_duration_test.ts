import assert from "node:assert/strict";
import { humanDuration } from "./human_duration.ts";

Deno.test("humanDuration matches go-units' wording", () => {
  assert.equal(humanDuration(500), "Less than a second");
  assert.equal(humanDuration(1000), "1 second");
  assert.equal(humanDuration(59_000), "59 seconds");
  assert.equal(humanDuration(90_000), "About a minute");
  assert.equal(humanDuration(5 * 60_000), "5 minutes");
  assert.equal(humanDuration(3_600_000), "About an hour");
  assert.equal(humanDuration(3 * 86_400_000), "3 days");
});
