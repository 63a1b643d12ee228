import assert from "node:assert/strict";
import { InvalidParameter } from "../../core/errors.ts";
import { parseSignal } from "./signals.ts";

Deno.test("parseSignal: names with and without SIG, numbers; anything else is a 400", () => {
  for (const form of ["SIGTERM", "TERM", "term", "15", " 15 "]) {
    assert.equal(parseSignal(form), "SIGTERM");
  }
  assert.equal(parseSignal("KILL"), "SIGKILL");
  assert.equal(parseSignal("SIGWINCH"), "SIGWINCH");
  for (const bad of ["", "SIGBOGUS", "99", "-9", "TERM2"]) {
    assert.throws(
      () => parseSignal(bad),
      (error: Error) =>
        error instanceof InvalidParameter && error.message === `Invalid signal: ${bad}`,
    );
  }
});
