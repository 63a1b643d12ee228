import assert from "node:assert/strict";
import { runState, statusText, ZERO_TIME } from "./container_state.ts";

Deno.test("a created container has no times and no status", () => {
  const s = runState({ started: false, running: false, exitCode: 0 });
  assert.equal(s.Status, "created");
  assert.equal(s.StartedAt, ZERO_TIME);
  assert.equal(s.FinishedAt, ZERO_TIME);
  assert.equal(s.Error, "");
  assert.equal(statusText(s), "Created");
});

Deno.test("running and exited runs read as docker ps shows them", () => {
  const startedAt = new Date(10_000);
  const up = runState({ started: true, running: true, exitCode: 0, startedAt });
  assert.equal(up.Status, "running");
  assert.equal(statusText(up, 13_000), "Up 3 seconds");
  const health = (Status: string) => ({ ...up, Health: { Status, FailingStreak: 0, Log: [] } });
  assert.equal(statusText(health("starting"), 13_000), "Up 3 seconds (health: starting)");
  assert.equal(statusText(health("healthy"), 13_000), "Up 3 seconds (healthy)");
  const done = runState({
    started: true,
    running: false,
    exitCode: 137,
    error: "",
    startedAt,
    finishedAt: new Date(20_000),
  });
  assert.equal(done.Status, "exited");
  assert.equal(done.FinishedAt, new Date(20_000).toISOString());
  assert.equal(statusText(done, 140_000), "Exited (137) 2 minutes ago");
});
