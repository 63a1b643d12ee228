import assert from "node:assert/strict";
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionCommand,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
  ListTagsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import { withSimulator } from "../test_utils.ts";

const ROLE = "arn:aws:iam::000000000000:role/lambda-role";

Deno.test("Lambda functions: create (image), get, update, list, tags, delete", async () => {
  await withSimulator(async ({ client }) => {
    const lambda = new LambdaClient(client);
    const created = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: "fn1",
        Role: ROLE,
        PackageType: "Image",
        Code: { ImageUri: "000000000000.dkr.ecr.us-east-1.amazonaws.com/fn:latest" },
        Tags: { "sockerless-managed": "true" },
      }),
    );
    assert.equal(created.FunctionArn, "arn:aws:lambda:us-east-1:000000000000:function:fn1");
    assert.equal(created.State, "Active");
    assert.equal(created.Timeout, 3);
    await assert.rejects(
      lambda.send(
        new CreateFunctionCommand({
          FunctionName: "fn1",
          Role: ROLE,
          PackageType: "Image",
          Code: { ImageUri: "x" },
        }),
      ),
      { name: "ResourceConflictException" },
    );
    const updated = await lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: "fn1",
        Timeout: 30,
        Environment: { Variables: { A: "1" } },
      }),
    );
    assert.equal(updated.Timeout, 30);
    assert.notEqual(updated.RevisionId, created.RevisionId);
    const got = await lambda.send(new GetFunctionCommand({ FunctionName: created.FunctionArn }));
    assert.deepEqual(got.Configuration?.Environment?.Variables, { A: "1" });
    assert.equal(got.Code?.ImageUri, "000000000000.dkr.ecr.us-east-1.amazonaws.com/fn:latest");
    await lambda.send(new TagResourceCommand({ Resource: created.FunctionArn, Tags: { b: "2" } }));
    await lambda.send(
      new UntagResourceCommand({ Resource: created.FunctionArn, TagKeys: ["sockerless-managed"] }),
    );
    const tags = await lambda.send(new ListTagsCommand({ Resource: created.FunctionArn }));
    assert.deepEqual(tags.Tags, { b: "2" });
    const listed = await lambda.send(new ListFunctionsCommand({}));
    assert.deepEqual(listed.Functions?.map((f) => f.FunctionName), ["fn1"]);
    await lambda.send(new DeleteFunctionCommand({ FunctionName: "fn1" }));
    await assert.rejects(
      lambda.send(new GetFunctionCommand({ FunctionName: "fn1" })),
      {
        name: "ResourceNotFoundException",
        message: "Function not found: arn:aws:lambda:us-east-1:000000000000:function:fn1",
      },
    );
  });
});

Deno.test("Lambda bad input: zip packages, bad roles, reserved env, malformed invoke payloads", async () => {
  await withSimulator(async ({ client }) => {
    const lambda = new LambdaClient(client);
    await assert.rejects(
      lambda.send(
        new CreateFunctionCommand({
          FunctionName: "z",
          Role: ROLE,
          Runtime: "nodejs20.x",
          Handler: "index.handler",
          Code: { ZipFile: new Uint8Array([1]) },
        }),
      ),
      { name: "InvalidParameterValueException", message: /container-image functions only/ },
    );
    await assert.rejects(
      lambda.send(
        new CreateFunctionCommand({
          FunctionName: "r",
          Role: "not-a-role",
          PackageType: "Image",
          Code: { ImageUri: "x" },
        }),
      ),
      { name: "ValidationException" },
    );
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: "f",
        Role: ROLE,
        PackageType: "Image",
        Code: { ImageUri: "alpine" },
      }),
    );
    await assert.rejects(
      lambda.send(
        new UpdateFunctionConfigurationCommand({
          FunctionName: "f",
          Environment: { Variables: { AWS_REGION: "x" } },
        }),
      ),
      { name: "InvalidParameterValueException", message: /reserved keys/ },
    );
    await assert.rejects(
      lambda.send(
        new InvokeCommand({ FunctionName: "f", Payload: new TextEncoder().encode("{not json") }),
      ),
      { name: "InvalidRequestContentException" },
    );
    const listed = await lambda.send(new ListFunctionsCommand({}));
    assert.deepEqual(listed.Functions?.map((f) => f.FunctionName), ["f"]);
  });
});

Deno.test("Invoke without a workload runtime is a function error naming the sandbox", async () => {
  await withSimulator(async ({ client }) => {
    const lambda = new LambdaClient(client);
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: "f",
        Role: ROLE,
        PackageType: "Image",
        Code: { ImageUri: "alpine" },
        ImageConfig: { Command: ["cat"] },
      }),
    );
    const out = await lambda.send(
      new InvokeCommand({ FunctionName: "f", Payload: new TextEncoder().encode("{}") }),
    );
    assert.equal(out.FunctionError, "Unhandled");
    const payload = JSON.parse(new TextDecoder().decode(out.Payload));
    assert.equal(payload.errorType, "Runtime.Unavailable");
    assert.match(payload.errorMessage, /no workload runtime.*sandbox/);
  });
});

Deno.test("Invoke runs the image's command through the Runtime API in the sandbox", async () => {
  const { sandboxWorkloadRuntime } = await import("../runtime/sandbox_runtime.ts");
  const { CloudWatchLogsClient, FilterLogEventsCommand } = await import(
    "@aws-sdk/client-cloudwatch-logs"
  );
  await withSimulator(async ({ client }) => {
    const lambda = new LambdaClient(client);
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: "echo",
        Role: ROLE,
        PackageType: "Image",
        Code: { ImageUri: "alpine" },
        Environment: { Variables: { PREFIX: "seen" } },
        ImageConfig: {
          Command: [
            "sh",
            "-c",
            'read event; echo "handling $AWS_LAMBDA_REQUEST_ID" >&2; [ "$event" != \'"fail"\' ] || exit 2; echo "{\\"$PREFIX\\": $event}"',
          ],
        },
      }),
    );
    const encode = (s: string) => new TextEncoder().encode(s);
    const first = await lambda.send(
      new InvokeCommand({ FunctionName: "echo", Payload: encode('{"n":1}'), LogType: "Tail" }),
    );
    assert.equal(first.StatusCode, 200);
    assert.equal(first.FunctionError, undefined);
    assert.deepEqual(JSON.parse(new TextDecoder().decode(first.Payload)), { seen: { n: 1 } });
    assert.match(atob(first.LogResult!), /START RequestId: .*\nhandling .*\nEND RequestId/);
    // The warm instance serves the next event too.
    const second = await lambda.send(
      new InvokeCommand({ FunctionName: "echo", Payload: encode("[2]") }),
    );
    assert.deepEqual(JSON.parse(new TextDecoder().decode(second.Payload)), { seen: [2] });
    const failed = await lambda.send(
      new InvokeCommand({ FunctionName: "echo", Payload: encode('"fail"') }),
    );
    assert.equal(failed.FunctionError, "Unhandled");
    assert.equal(
      JSON.parse(new TextDecoder().decode(failed.Payload)).errorType,
      "Runtime.HandlerError",
    );
    const queued = await lambda.send(
      new InvokeCommand({ FunctionName: "echo", InvocationType: "Event", Payload: encode("3") }),
    );
    assert.equal(queued.StatusCode, 202);
    const logs = new CloudWatchLogsClient(client);
    let reports = 0;
    for (let i = 0; i < 2400 && reports < 4; i++) {
      const found = await logs.send(
        new FilterLogEventsCommand({ logGroupName: "/aws/lambda/echo", filterPattern: "REPORT" }),
      );
      reports = found.events?.length ?? 0;
      if (reports < 4) await new Promise((r) => setTimeout(r, 25));
    }
    assert.equal(reports, 4);
    // An asynchronous invocation runs under the request id its Invoke answered, as in Lambda.
    const started = await logs.send(
      new FilterLogEventsCommand({ logGroupName: "/aws/lambda/echo", filterPattern: "START" }),
    );
    assert.ok(
      started.events?.some((e) =>
        e.message?.startsWith(`START RequestId: ${queued.$metadata.requestId} `)
      ),
    );

    // A handler that outlives the function's Timeout is killed and reported as timed out.
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: "slow",
        Role: ROLE,
        PackageType: "Image",
        Code: { ImageUri: "alpine" },
        Timeout: 1,
        ImageConfig: { Command: ["sleep", "30"] },
      }),
    );
    const slow = await lambda.send(
      new InvokeCommand({ FunctionName: "slow", Payload: encode("{}") }),
    );
    assert.equal(slow.FunctionError, "Unhandled");
    assert.match(
      JSON.parse(new TextDecoder().decode(slow.Payload)).errorMessage,
      /Task timed out after 1\.00 seconds/,
    );
  }, { runtime: sandboxWorkloadRuntime() });
});
