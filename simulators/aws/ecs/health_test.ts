import assert from "node:assert/strict";
import {
  CreateClusterCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  type Task,
} from "@aws-sdk/client-ecs";
import { withSimulator } from "../test_utils.ts";
import { sandboxWorkloadRuntime } from "../runtime/sandbox_runtime.ts";
import { healthCheckOf } from "./health.ts";

const runtime = sandboxWorkloadRuntime();
const invalid = (m: string) => new Error(m);

Deno.test("healthCheck: ECS's defaults filled in, its limits enforced", () => {
  assert.equal(healthCheckOf(undefined, invalid), undefined);
  assert.deepEqual(healthCheckOf({ command: ["CMD-SHELL", "true"] }, invalid), {
    command: ["CMD-SHELL", "true"],
    interval: 30,
    timeout: 5,
    retries: 3,
    startPeriod: 0,
  });
  assert.throws(() => healthCheckOf({ command: ["true"] }, invalid), /must start with "CMD"/);
  assert.throws(
    () => healthCheckOf({ command: ["CMD", "true"], interval: 1 }, invalid),
    /interval must be a whole number between 5 and 300/,
  );
  assert.throws(
    () => healthCheckOf({ command: ["CMD", "true"], retries: 50 }, invalid),
    /retries must be a whole number between 1 and 10/,
  );
});

async function waitFor(ecs: ECSClient, arn: string, done: (t: Task) => boolean): Promise<Task> {
  // Generous: checks run every 5 s (ECS's shortest interval) on a loaded machine.
  for (let i = 0; i < 1200; i++) {
    const task = (await ecs.send(new DescribeTasksCommand({ cluster: "c", tasks: [arn] })))
      .tasks![0];
    if (done(task)) return task;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`task ${arn} never reached the state waited for`);
}

Deno.test("a running task's healthCheck runs in its container; DescribeTasks reports it", async () => {
  await withSimulator(async ({ client }) => {
    const ecs = new ECSClient(client);
    await ecs.send(new CreateClusterCommand({ clusterName: "c" }));
    await assert.rejects(
      ecs.send(
        new RegisterTaskDefinitionCommand({
          family: "bad",
          containerDefinitions: [{
            name: "app",
            image: "alpine",
            command: ["sleep", "60"],
            healthCheck: { command: ["CMD", "true"], interval: 1 },
          }],
        }),
      ),
      /interval must be a whole number/,
    );
    const arns: Record<string, string> = {};
    // One passes once /tmp/ready exists, one never: both are decided by the first check.
    for (const [family, script] of [["good", "test -f /tmp/ready"], ["bad", "exit 1"]]) {
      await ecs.send(
        new RegisterTaskDefinitionCommand({
          family,
          containerDefinitions: [{
            name: "app",
            image: "alpine",
            command: ["sh", "-c", "sleep 1; touch /tmp/ready; exec sleep 60"],
            stopTimeout: 1,
            healthCheck: {
              command: ["CMD-SHELL", script],
              interval: 5,
              retries: 1,
              startPeriod: 8,
            },
          }],
        }),
      );
      const described = await ecs.send(
        new DescribeTaskDefinitionCommand({ taskDefinition: family }),
      );
      assert.equal(described.taskDefinition?.containerDefinitions?.[0].healthCheck?.timeout, 5);
      const run = await ecs.send(new RunTaskCommand({ cluster: "c", taskDefinition: family }));
      arns[family] = run.tasks![0].taskArn!;
      assert.equal(run.tasks![0].healthStatus, "UNKNOWN");
    }
    const good = await waitFor(ecs, arns.good, (t) => t.healthStatus !== "UNKNOWN");
    assert.equal(good.healthStatus, "HEALTHY");
    assert.equal(good.containers?.[0].healthStatus, "HEALTHY");
    const bad = await waitFor(ecs, arns.bad, (t) => t.healthStatus !== "UNKNOWN");
    assert.equal(bad.healthStatus, "UNHEALTHY");
    assert.equal(bad.containers?.[0].healthStatus, "UNHEALTHY");
    for (const arn of Object.values(arns)) {
      await ecs.send(new StopTaskCommand({ cluster: "c", task: arn }));
      await waitFor(ecs, arn, (t) => t.lastStatus === "STOPPED");
    }
  }, { runtime });
});
