import assert from "node:assert/strict";
import { Conflict, NotImplemented } from "../errors.ts";
import { checkStoppingSignal, runningRemoveConflict } from "./lifecycle_checks.ts";
import { testContainer } from "./test_container.ts";

Deno.test("only signals that end the workload can be sent; others name the backend's limit", () => {
  for (const s of ["", "kill", "SIGTERM", "9", "15"]) checkStoppingSignal("test", s, "no signals");
  assert.throws(
    () => checkStoppingSignal("test", "USR1", "no signals"),
    (e: Error) =>
      e instanceof NotImplemented && e.message === "test backend: no signals; USR1 cannot be sent",
  );
});

Deno.test("removing a running container without force is Docker's conflict", () => {
  const e = runningRemoveConflict(testContainer("a".repeat(64), "web", { running: true }));
  assert.ok(e instanceof Conflict);
  assert.match(e.message, /^cannot remove container "\/web": container is running/);
});
