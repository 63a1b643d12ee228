/**
 * The AWS simulator driven end to end by unmodified official clients: Debian's AWS CLI v2
 * (`/usr/bin/aws --endpoint-url …`; the first `aws` on PATH may be a different v1) and the
 * `@aws-sdk/client-*` packages. The simulator runs as outside scripts start it:
 * `deno run -A simulators/aws/main.ts --port P --data-dir D`.
 */
import assert from "node:assert/strict";
import {
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListClustersCommand,
  ListTaskDefinitionsCommand,
  ListTasksCommand,
} from "@aws-sdk/client-ecs";
import { GetFunctionCommand, InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";

import { busyboxConfig, busyboxLayer } from "../registry/busybox_image.ts";
import { OciLayout, skopeo } from "../registry/oci_layout.ts";
import { aws, requireCli, sdk, startSim, waitForStatus } from "./aws_sim_harness.ts";

Deno.test("AWS simulator: clusters, tasks, logs and functions through the AWS CLI v2 and the SDKs", async () => {
  await requireCli();
  const sim = await startSim();
  try {
    const ecs = new ECSClient(sdk(sim));
    const created = await aws(sim, ["ecs", "create-cluster", "--cluster-name", "e2e"]);
    assert.equal(created.code, 0, created.stderr);
    assert.equal(created.json().cluster.status, "ACTIVE");
    assert.deepEqual((await ecs.send(new ListClustersCommand({}))).clusterArns, [
      "arn:aws:ecs:us-east-1:000000000000:cluster/e2e",
    ]);
    const registered = await aws(sim, [
      "ecs",
      "register-task-definition",
      "--family",
      "hello",
      "--requires-compatibilities",
      "FARGATE",
      "--cpu",
      "256",
      "--memory",
      "512",
      "--container-definitions",
      JSON.stringify([{
        name: "app",
        image: "alpine",
        command: ["sh", "-c", "echo hello from the task"],
        logConfiguration: {
          logDriver: "awslogs",
          options: {
            "awslogs-group": "/ecs/hello",
            "awslogs-region": "us-east-1",
            "awslogs-stream-prefix": "ecs",
            "awslogs-create-group": "true",
          },
        },
      }]),
    ]);
    assert.equal(registered.code, 0, registered.stderr);
    assert.equal(registered.json().taskDefinition.revision, 1);
    const described = await ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: "hello" }),
    );
    assert.equal(described.taskDefinition?.containerDefinitions?.[0].name, "app");

    // Lambda pulls the image at CreateFunction: one never pushed is refused, as Lambda does.
    const image = "000000000000.dkr.ecr.us-east-1.amazonaws.com/fn:latest";
    const createFunction = () =>
      aws(sim, [
        "lambda",
        "create-function",
        "--function-name",
        "e2e-fn",
        "--package-type",
        "Image",
        "--code",
        `ImageUri=${image}`,
        "--role",
        "arn:aws:iam::000000000000:role/e2e",
        "--image-config",
        JSON.stringify({ Command: ["sh", "-c", 'read event; echo "{\\"got\\": $event}"'] }),
      ]);
    const missing = await createFunction();
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /InvalidParameterValueException.*Source image .* does not exist/);
    // Pushed to the simulator's ECR with skopeo and the token the AWS CLI gets, it is accepted.
    const fnRepo = await aws(sim, ["ecr", "create-repository", "--repository-name", "fn"]);
    assert.equal(fnRepo.code, 0, fnRepo.stderr);
    const token = (await aws(sim, ["ecr", "get-authorization-token"])).json()
      .authorizationData[0].authorizationToken;
    const layout = new OciLayout(`${sim.dir}/layout`);
    await layout.tag(
      "fn",
      await layout.image({ layers: [await busyboxLayer()], config: busyboxConfig }),
    );
    await skopeo(
      "copy",
      "--quiet",
      "--dest-tls-verify=false",
      "--dest-creds",
      atob(token),
      `oci:${layout.dir}:fn`,
      `docker://${sim.endpoint.replace("http://", "")}/fn:latest`,
    );
    const fn = await createFunction();
    assert.equal(fn.code, 0, fn.stderr);
    const listed = await aws(sim, ["lambda", "list-functions"]);
    assert.deepEqual(listed.json().Functions.map((f: { FunctionName: string }) => f.FunctionName), [
      "e2e-fn",
    ]);
    const got = await new LambdaClient(sdk(sim)).send(
      new GetFunctionCommand({ FunctionName: "e2e-fn" }),
    );
    assert.equal(got.Configuration?.PackageType, "Image");

    // Run the task, watch it run to completion, and read what it printed from CloudWatch Logs.
    const ran = await aws(sim, [
      "ecs",
      "run-task",
      "--cluster",
      "e2e",
      "--task-definition",
      "hello",
    ]);
    assert.equal(ran.code, 0, ran.stderr);
    const taskArn: string = ran.json().tasks[0].taskArn;
    const stopped = await waitForStatus(sim, taskArn, "STOPPED");
    assert.equal(stopped.containers[0].exitCode, 0);
    assert.equal(stopped.stopCode, "EssentialContainerExited");
    const events = await aws(sim, [
      "logs",
      "get-log-events",
      "--log-group-name",
      "/ecs/hello",
      "--log-stream-name",
      `ecs/app/${taskArn.split("/").at(-1)}`,
      "--start-from-head",
    ]);
    assert.deepEqual(events.json().events.map((e: { message: string }) => e.message), [
      "hello from the task",
    ]);
    const sdkTask = await ecs.send(new DescribeTasksCommand({ cluster: "e2e", tasks: [taskArn] }));
    assert.equal(sdkTask.tasks?.[0].lastStatus, "STOPPED");

    // A long-running task stops on StopTask: SIGTERM, then SIGKILL after its stopTimeout.
    await aws(sim, [
      "ecs",
      "register-task-definition",
      "--family",
      "sleeper",
      "--container-definitions",
      JSON.stringify([{ name: "app", image: "alpine", command: ["sleep", "300"], stopTimeout: 2 }]),
    ]);
    const long = await aws(sim, [
      "ecs",
      "run-task",
      "--cluster",
      "e2e",
      "--task-definition",
      "sleeper",
    ]);
    const longArn: string = long.json().tasks[0].taskArn;
    await waitForStatus(sim, longArn, "RUNNING");
    const stop = await aws(sim, [
      "ecs",
      "stop-task",
      "--cluster",
      "e2e",
      "--task",
      longArn,
      "--reason",
      "e2e stop",
    ]);
    assert.equal(stop.code, 0, stop.stderr);
    assert.equal(stop.json().task.desiredStatus, "STOPPED");
    const killed = await waitForStatus(sim, longArn, "STOPPED");
    assert.equal(killed.stopCode, "UserInitiated");
    assert.equal(killed.stoppedReason, "e2e stop");
    assert.equal(killed.containers[0].exitCode, 137);

    // Invoke the function through the CLI (payload file out) and the SDK.
    const outFile = `${sim.dir}/invoke-out.json`;
    const invoked = await aws(sim, [
      "lambda",
      "invoke",
      "--function-name",
      "e2e-fn",
      "--cli-binary-format",
      "raw-in-base64-out",
      "--payload",
      '{"n":1}',
      outFile,
    ]);
    assert.equal(invoked.code, 0, invoked.stderr);
    assert.equal(invoked.json().StatusCode, 200);
    assert.deepEqual(JSON.parse(await Deno.readTextFile(outFile)), { got: { n: 1 } });
    const sdkInvoke = await new LambdaClient(sdk(sim)).send(
      new InvokeCommand({ FunctionName: "e2e-fn", Payload: new TextEncoder().encode("[2]") }),
    );
    assert.deepEqual(JSON.parse(new TextDecoder().decode(sdkInvoke.Payload)), { got: [2] });

    const me = await aws(sim, ["sts", "get-caller-identity"]);
    assert.equal(me.json().Account, "000000000000");
    assert.equal(
      (await new STSClient(sdk(sim)).send(new GetCallerIdentityCommand({}))).Account,
      "000000000000",
    );
    const repo = await aws(sim, ["ecr", "create-repository", "--repository-name", "e2e"]);
    assert.equal(repo.json().repository.repositoryName, "e2e");
    const group = await aws(sim, ["logs", "create-log-group", "--log-group-name", "/e2e"]);
    assert.equal(group.code, 0, group.stderr);
  } finally {
    await sim.stop();
  }
});

Deno.test("AWS simulator: bad input gets AWS-shaped errors and leaves nothing behind", async () => {
  await requireCli();
  const sim = await startSim();
  try {
    const badSig = await aws(sim, ["ecs", "list-clusters"], "wrong-secret");
    assert.notEqual(badSig.code, 0);
    assert.match(badSig.stderr, /InvalidSignatureException/);
    const badSts = await aws(sim, ["sts", "get-caller-identity"], "wrong-secret");
    assert.match(badSts.stderr, /SignatureDoesNotMatch/);

    const empty = await aws(sim, [
      "ecs",
      "register-task-definition",
      "--family",
      "empty",
      "--container-definitions",
      "[]",
    ]);
    assert.match(empty.stderr, /\(ClientException\).*Container list cannot be empty/);
    const unknownCluster = await aws(sim, [
      "ecs",
      "run-task",
      "--cluster",
      "ghost",
      "--task-definition",
      "x",
    ]);
    assert.match(unknownCluster.stderr, /\(ClusterNotFoundException\).*Cluster not found/);

    // Unknown operations and malformed JSON can't be produced by the CLI's own validation, so the
    // SDK's request is rewritten before it is signed: the signature stays valid.
    const ecs = new ECSClient(sdk(sim));
    const rewrite = (
      change: (request: { headers: Record<string, string>; body: unknown }) => void,
    ) =>
      ecs.middlewareStack.add(
        (next) => (args) => {
          change(args.request as { headers: Record<string, string>; body: unknown });
          return next(args);
        },
        { step: "build", name: "e2eRewrite", override: true },
      );
    rewrite((r) => r.headers["x-amz-target"] = "AmazonEC2ContainerServiceV20141113.LaunchRockets");
    await assert.rejects(ecs.send(new ListClustersCommand({})), {
      name: "UnknownOperationException",
    });
    rewrite((r) => {
      r.body = "{not json";
      r.headers["content-length"] = "9";
    });
    await assert.rejects(ecs.send(new ListClustersCommand({})), { name: "SerializationException" });
    ecs.middlewareStack.remove("e2eRewrite");

    const definitions = await ecs.send(new ListTaskDefinitionsCommand({}));
    assert.deepEqual(definitions.taskDefinitionArns, []);
    assert.deepEqual((await ecs.send(new ListClustersCommand({}))).clusterArns, []);
    await assert.rejects(ecs.send(new ListTasksCommand({ cluster: "ghost" })), {
      name: "ClusterNotFoundException",
    });
    await assert.rejects(ecs.send(new DescribeTasksCommand({ cluster: "ghost", tasks: ["x"] })), {
      name: "ClusterNotFoundException",
    });
  } finally {
    await sim.stop();
  }
});

Deno.test("AWS simulator: --data-dir keeps resources across a restart", async () => {
  await requireCli();
  const dir = await Deno.makeTempDir({ prefix: "aws-sim-e2e-" });
  try {
    const first = await startSim(dir);
    const created = await aws(first, ["ecs", "create-cluster", "--cluster-name", "kept"]);
    assert.equal(created.code, 0, created.stderr);
    await first.stop();
    const second = await startSim(dir);
    try {
      const listed = await aws(second, ["ecs", "list-clusters"]);
      assert.deepEqual(listed.json().clusterArns, [
        "arn:aws:ecs:us-east-1:000000000000:cluster/kept",
      ]);
    } finally {
      await second.stop();
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
