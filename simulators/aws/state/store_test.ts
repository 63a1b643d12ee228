import assert from "node:assert/strict";
import { StateStore } from "./store.ts";
import type { Task } from "./model.ts";

Deno.test("state survives a restart in the data dir; tasks that were running come back STOPPED", async () => {
  const dir = await Deno.makeTempDir({ prefix: "aws-state-" });
  try {
    const first = await StateStore.open(dir);
    first.state.clusters["us-east-1/c"] = { clusterName: "c" } as never;
    first.state.tasks["arn:t"] = {
      taskArn: "arn:t",
      lastStatus: "RUNNING",
      desiredStatus: "RUNNING",
      containers: [{ name: "app", lastStatus: "RUNNING" }],
    } as unknown as Task;
    first.changed();
    await first.flush();

    const second = await StateStore.open(dir);
    assert.equal(second.state.clusters["us-east-1/c"].clusterName, "c");
    const task = second.state.tasks["arn:t"];
    assert.equal(task.lastStatus, "STOPPED");
    assert.equal(task.desiredStatus, "STOPPED");
    assert.equal(task.containers[0].lastStatus, "STOPPED");
    assert.match(task.stoppedReason ?? "", /simulator restarted/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("an unreadable state file fails loudly instead of starting empty", async () => {
  const dir = await Deno.makeTempDir({ prefix: "aws-state-" });
  try {
    await Deno.writeTextFile(`${dir}/aws-state.json`, "{ not json");
    await assert.rejects(StateStore.open(dir), /cannot read simulator state/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
