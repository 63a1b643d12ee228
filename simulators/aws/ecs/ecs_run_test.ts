import assert from "node:assert/strict";
import {
  CreateClusterCommand,
  DescribeTasksCommand,
  ECSClient,
  ExecuteCommandCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  type Task,
} from "@aws-sdk/client-ecs";
import { CloudWatchLogsClient, GetLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { withSimulator } from "../test_utils.ts";
import { sandboxWorkloadRuntime } from "../runtime/sandbox_runtime.ts";
import { decodeAgentFrame, decodeBytes } from "../../../agent/protocol.ts";
import { registryTest, startRegistry } from "../../../tests/registry/registry_server.ts";
import { seedBusybox } from "../../../tests/registry/seed.ts";

const runtime = sandboxWorkloadRuntime();

function awslogs(group: string, create = true) {
  return {
    logDriver: "awslogs" as const,
    options: {
      "awslogs-group": group,
      "awslogs-region": "us-east-1",
      "awslogs-stream-prefix": "ecs",
      ...(create ? { "awslogs-create-group": "true" } : {}),
    },
  };
}

async function waitFor(ecs: ECSClient, arn: string, status: string): Promise<Task> {
  // Generous: Worker start-up is slow on a loaded machine, and tests never assert times.
  for (let i = 0; i < 2400; i++) {
    const task = (await ecs.send(new DescribeTasksCommand({ cluster: "c", tasks: [arn] })))
      .tasks![0];
    if (task.lastStatus === status) return task;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`task ${arn} never reached ${status}`);
}

Deno.test("a task runs in the sandbox: exit code, stop reason and awslogs output", async () => {
  await withSimulator(async ({ client }) => {
    const ecs = new ECSClient(client);
    await ecs.send(new CreateClusterCommand({ clusterName: "c" }));
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: "once",
        containerDefinitions: [{
          name: "app",
          image: "alpine",
          command: ["sh", "-c", "echo hello $WHO; echo problem >&2; exit 3"],
          environment: [{ name: "WHO", value: "definition" }],
          logConfiguration: awslogs("/ecs/once"),
        }],
      }),
    );
    const run = await ecs.send(
      new RunTaskCommand({
        cluster: "c",
        taskDefinition: "once",
        overrides: {
          containerOverrides: [{ name: "app", environment: [{ name: "WHO", value: "override" }] }],
        },
      }),
    );
    const arn = run.tasks![0].taskArn!;
    const task = await waitFor(ecs, arn, "STOPPED");
    assert.equal(task.containers?.[0].exitCode, 3);
    assert.equal(task.stopCode, "EssentialContainerExited");
    assert.equal(task.stoppedReason, "Essential container in task exited");
    assert.ok(task.startedAt && task.stoppedAt && task.stoppedAt >= task.startedAt);
    // The image was not pulled: the task says the built-in root filesystem stood in for it.
    const tagged = await ecs.send(
      new DescribeTasksCommand({ cluster: "c", tasks: [arn], include: ["TAGS"] }),
    );
    assert.deepEqual(tagged.tasks?.[0].tags, [{ key: "io.sockerless.builtin", value: "true" }]);
    const logs = new CloudWatchLogsClient(client);
    const events = await logs.send(
      new GetLogEventsCommand({
        logGroupName: "/ecs/once",
        logStreamName: `ecs/app/${arn.split("/").at(-1)}`,
        startFromHead: true,
      }),
    );
    assert.deepEqual(events.events?.map((e) => e.message).sort(), ["hello override", "problem"]);
  }, { runtime });
});

Deno.test("ExecuteCommand streams a shell in the running task; StopTask escalates to SIGKILL", async () => {
  await withSimulator(async ({ client }) => {
    const ecs = new ECSClient(client);
    await ecs.send(new CreateClusterCommand({ clusterName: "c" }));
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: "long",
        containerDefinitions: [{
          name: "app",
          image: "alpine",
          command: ["sleep", "60"],
          stopTimeout: 1,
        }, {
          name: "graceful",
          image: "alpine",
          command: ["sh", "-c", "trap 'echo got TERM; exit 7' TERM; while true; do sleep 1; done"],
          logConfiguration: awslogs("/ecs/long"),
        }],
      }),
    );
    const run = await ecs.send(
      new RunTaskCommand({ cluster: "c", taskDefinition: "long", enableExecuteCommand: true }),
    );
    const arn = run.tasks![0].taskArn!;
    const running = await waitFor(ecs, arn, "RUNNING");
    assert.equal(running.containers?.[0].managedAgents?.[0].lastStatus, "RUNNING");
    const exec = await ecs.send(
      new ExecuteCommandCommand({
        cluster: "c",
        task: arn,
        container: "app",
        interactive: true,
        command: "read line; echo got $line; echo to-err >&2; exit 5",
      }),
    );
    const socket = new WebSocket(exec.session!.streamUrl!, {
      headers: { authorization: `Bearer ${exec.session!.tokenValue}` },
    });
    const received: { stdout: string; stderr: string; code?: number } = { stdout: "", stderr: "" };
    await new Promise<void>((resolve, reject) => {
      socket.onopen = () => {
        socket.send(JSON.stringify({ type: "stdin", id: "s", data: btoa("line1\n") }));
        socket.send(JSON.stringify({ type: "close_stdin", id: "s" }));
      };
      socket.onmessage = (e) => {
        const frame = decodeAgentFrame(String(e.data));
        if (frame.type === "stdout") {
          received.stdout += new TextDecoder().decode(decodeBytes(frame.data));
        }
        if (frame.type === "stderr") {
          received.stderr += new TextDecoder().decode(decodeBytes(frame.data));
        }
        if (frame.type === "exit") received.code = frame.code;
        if (frame.type === "error") reject(new Error(frame.message));
      };
      socket.onclose = () => resolve();
      socket.onerror = () => reject(new Error("exec stream failed"));
    });
    assert.deepEqual(received, { stdout: "got line1\n", stderr: "to-err\n", code: 5 });
    // The session token is single-use.
    const replay = await fetch(exec.session!.streamUrl!.replace(/^ws/, "http"), {
      headers: { authorization: `Bearer ${exec.session!.tokenValue}`, upgrade: "websocket" },
    });
    assert.equal(replay.status, 403);
    await replay.body?.cancel();

    await ecs.send(new StopTaskCommand({ cluster: "c", task: arn, reason: "test is done" }));
    const stopped = await waitFor(ecs, arn, "STOPPED");
    // `sleep` is pid 1 and ignores SIGTERM, so the stop timeout's SIGKILL ends it; the shell
    // traps SIGTERM and exits on its own.
    const exits = Object.fromEntries(stopped.containers!.map((c) => [c.name, c.exitCode]));
    assert.deepEqual(exits, { app: 137, graceful: 7 });
    const logs = await new CloudWatchLogsClient(client).send(
      new GetLogEventsCommand({
        logGroupName: "/ecs/long",
        logStreamName: `ecs/graceful/${arn.split("/").at(-1)}`,
      }),
    );
    assert.deepEqual(logs.events?.map((e) => e.message), ["got TERM"]);
    assert.equal(stopped.stopCode, "UserInitiated");
    assert.equal(stopped.stoppedReason, "test is done");
    const listed = await ecs.send(new ListTasksCommand({ cluster: "c", desiredStatus: "STOPPED" }));
    assert.deepEqual(listed.taskArns, [arn]);
  }, { runtime });
});

Deno.test("a missing awslogs group fails the task start the way ECS reports it", async () => {
  await withSimulator(async ({ client }) => {
    const ecs = new ECSClient(client);
    await ecs.send(new CreateClusterCommand({ clusterName: "c" }));
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: "nolog",
        containerDefinitions: [{
          name: "app",
          image: "alpine",
          command: ["true"],
          logConfiguration: awslogs("/missing", false),
        }],
      }),
    );
    const run = await ecs.send(new RunTaskCommand({ cluster: "c", taskDefinition: "nolog" }));
    const task = await waitFor(ecs, run.tasks![0].taskArn!, "STOPPED");
    assert.equal(task.stopCode, "TaskFailedToStart");
    assert.match(
      task.stoppedReason ?? "",
      /^ResourceInitializationError: .*log group does not exist/,
    );
  }, { runtime });
});

Deno.test(
  registryTest(
    "a task runs its image's Cmd, and an image that cannot be pulled stops it",
    async () => {
      const registry = await startRegistry();
      try {
        await seedBusybox(registry, "busybox:latest");
        await withSimulator(async ({ client }) => {
          const ecs = new ECSClient(client);
          await ecs.send(new CreateClusterCommand({ clusterName: "c" }));
          const runImage = async (family: string, image: string) => {
            await ecs.send(
              new RegisterTaskDefinitionCommand({
                family,
                containerDefinitions: [{ name: "app", image, logConfiguration: awslogs("/ecs/i") }],
              }),
            );
            const run = await ecs.send(
              new RunTaskCommand({ cluster: "c", taskDefinition: family }),
            );
            return await waitFor(ecs, run.tasks![0].taskArn!, "STOPPED");
          };
          // No entryPoint or command in the definition: the image's own Cmd (sh) runs and ends.
          const ran = await runImage("cmd", `${registry.host}/busybox:latest`);
          assert.equal(ran.containers![0].exitCode, 0);
          assert.equal(ran.stopCode, "EssentialContainerExited");
          // A tag that is not there: ECS's reason, not wrapped in another prefix.
          const missing = await runImage("missing", `${registry.host}/busybox:nope`);
          assert.equal(missing.stopCode, "TaskFailedToStart");
          assert.match(missing.stoppedReason ?? "", /^CannotPullContainerError: .*not found/);
        }, { runtime });
      } finally {
        await registry.stop();
      }
    },
  ),
);
