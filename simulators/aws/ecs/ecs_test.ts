import assert from "node:assert/strict";
import {
  CreateClusterCommand,
  DeleteClusterCommand,
  DeregisterTaskDefinitionCommand,
  DescribeClustersCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListClustersCommand,
  ListTagsForResourceCommand,
  ListTaskDefinitionsCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-ecs";
import { withSimulator } from "../test_utils.ts";

Deno.test("ECS clusters: create, describe, list, tag, delete through the official SDK", async () => {
  await withSimulator(async ({ client }) => {
    const ecs = new ECSClient(client);
    const { cluster } = await ecs.send(
      new CreateClusterCommand({ clusterName: "c1", tags: [{ key: "team", value: "a" }] }),
    );
    assert.equal(cluster?.clusterArn, "arn:aws:ecs:us-east-1:000000000000:cluster/c1");
    assert.equal(cluster?.status, "ACTIVE");
    const listed = await ecs.send(new ListClustersCommand({}));
    assert.deepEqual(listed.clusterArns, [cluster?.clusterArn]);
    await ecs.send(
      new TagResourceCommand({
        resourceArn: cluster!.clusterArn,
        tags: [{ key: "x", value: "1" }],
      }),
    );
    await ecs.send(
      new UntagResourceCommand({ resourceArn: cluster!.clusterArn, tagKeys: ["team"] }),
    );
    const tags = await ecs.send(
      new ListTagsForResourceCommand({ resourceArn: cluster!.clusterArn }),
    );
    assert.deepEqual(tags.tags, [{ key: "x", value: "1" }]);
    const described = await ecs.send(
      new DescribeClustersCommand({ clusters: ["c1", "nope"], include: ["TAGS"] }),
    );
    assert.equal(described.clusters?.[0].clusterName, "c1");
    assert.deepEqual(described.failures, [{
      arn: "arn:aws:ecs:us-east-1:000000000000:cluster/nope",
      reason: "MISSING",
    }]);
    const deleted = await ecs.send(new DeleteClusterCommand({ cluster: "c1" }));
    assert.equal(deleted.cluster?.status, "INACTIVE");
    assert.deepEqual((await ecs.send(new ListClustersCommand({}))).clusterArns, []);
    await assert.rejects(
      ecs.send(new DeleteClusterCommand({ cluster: "c1" })),
      { name: "ClusterNotFoundException" },
    );
  });
});

Deno.test("ECS task definitions: revisions, describe with tags, deregister, list", async () => {
  await withSimulator(async ({ client }) => {
    const ecs = new ECSClient(client);
    const register = () =>
      ecs.send(
        new RegisterTaskDefinitionCommand({
          family: "web",
          requiresCompatibilities: ["FARGATE"],
          cpu: "256",
          memory: "512",
          containerDefinitions: [{ name: "app", image: "alpine", command: ["echo", "hi"] }],
          tags: [{ key: "sockerless-managed", value: "true" }],
        }),
      );
    const first = await register();
    const second = await register();
    assert.equal(first.taskDefinition?.revision, 1);
    assert.equal(
      second.taskDefinition?.taskDefinitionArn,
      "arn:aws:ecs:us-east-1:000000000000:task-definition/web:2",
    );
    assert.equal(second.taskDefinition?.containerDefinitions?.[0].essential, true);
    assert.equal(second.taskDefinition?.networkMode, "awsvpc");
    const described = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: "web", include: ["TAGS"] }),
    );
    assert.equal(described.taskDefinition?.revision, 2);
    assert.deepEqual(described.tags, [{ key: "sockerless-managed", value: "true" }]);
    await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: "web:2" }));
    const latest = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: "web" }));
    assert.equal(latest.taskDefinition?.revision, 1);
    const active = await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: "we" }));
    assert.deepEqual(active.taskDefinitionArns, [first.taskDefinition?.taskDefinitionArn]);
    const inactive = await ecs.send(new ListTaskDefinitionsCommand({ status: "INACTIVE" }));
    assert.deepEqual(inactive.taskDefinitionArns, [second.taskDefinition?.taskDefinitionArn]);
  });
});

Deno.test("ECS bad input: no containers, no image, unknown cluster, unknown definition", async () => {
  await withSimulator(async ({ client }) => {
    const ecs = new ECSClient(client);
    await assert.rejects(
      ecs.send(new RegisterTaskDefinitionCommand({ family: "f", containerDefinitions: [] })),
      { name: "ClientException", message: "Container list cannot be empty." },
    );
    await assert.rejects(
      ecs.send(
        new RegisterTaskDefinitionCommand({ family: "f", containerDefinitions: [{ name: "a" }] }),
      ),
      { name: "ClientException", message: "Container.image should not be null or empty." },
    );
    await assert.rejects(
      ecs.send(new RunTaskCommand({ cluster: "ghost", taskDefinition: "f" })),
      { name: "ClusterNotFoundException" },
    );
    await ecs.send(new CreateClusterCommand({ clusterName: "c" }));
    await assert.rejects(
      ecs.send(new RunTaskCommand({ cluster: "c", taskDefinition: "missing" })),
      { name: "ClientException" },
    );
    // Nothing was left behind by the failed calls.
    assert.deepEqual((await ecs.send(new ListTaskDefinitionsCommand({}))).taskDefinitionArns, []);
    assert.deepEqual((await ecs.send(new ListTasksCommand({ cluster: "c" }))).taskArns, []);
  });
});

Deno.test("RunTask without a workload runtime stops the task, naming what is missing", async () => {
  await withSimulator(async ({ client }) => {
    const ecs = new ECSClient(client);
    await ecs.send(new CreateClusterCommand({ clusterName: "c" }));
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: "f",
        containerDefinitions: [{ name: "a", image: "alpine", command: ["true"] }],
      }),
    );
    const run = await ecs.send(new RunTaskCommand({ cluster: "c", taskDefinition: "f" }));
    assert.equal(run.tasks?.[0].lastStatus, "PROVISIONING");
    const arn = run.tasks![0].taskArn!;
    let task;
    for (let i = 0; i < 100; i++) {
      task = (await ecs.send(new DescribeTasksCommand({ cluster: "c", tasks: [arn] }))).tasks?.[0];
      if (task?.lastStatus === "STOPPED") break;
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.equal(task?.lastStatus, "STOPPED");
    assert.equal(task?.stopCode, "TaskFailedToStart");
    assert.match(task?.stoppedReason ?? "", /no workload runtime.*sandbox/);
  });
});
