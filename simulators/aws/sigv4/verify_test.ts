import assert from "node:assert/strict";
import { ECSClient, ListClustersCommand } from "@aws-sdk/client-ecs";
import { GetFunctionCommand, LambdaClient, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { canonicalPath, type Credential, SignatureError, verifySignature } from "./verify.ts";

const test: Credential = { accessKeyId: "test", secretAccessKey: "test" };
const credentials = new Map([[test.accessKeyId, test]]);

Deno.test("AWS's published IAM ListUsers example verifies", async () => {
  // From the SigV4 documentation's worked example (example credentials, fixed clock).
  const example: Credential = {
    accessKeyId: "AKIDEXAMPLE",
    secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
  };
  const req = new Request("https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08", {
    headers: {
      host: "iam.amazonaws.com",
      "content-type": "application/x-www-form-urlencoded; charset=utf-8",
      "x-amz-date": "20150830T123600Z",
      authorization:
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, " +
        "SignedHeaders=content-type;host;x-amz-date, " +
        "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
    },
  });
  const scope = await verifySignature(req, new Uint8Array(), {
    credentials: new Map([[example.accessKeyId, example]]),
    now: new Date("2015-08-30T12:36:00Z"),
  });
  assert.deepEqual(scope, {
    accessKeyId: "AKIDEXAMPLE",
    date: "20150830",
    region: "us-east-1",
    service: "iam",
  });
});

Deno.test("canonical paths are normalised and encoded twice, keeping a trailing slash", () => {
  assert.equal(canonicalPath("/"), "/");
  assert.equal(canonicalPath("/2015-03-31/functions/"), "/2015-03-31/functions/");
  assert.equal(canonicalPath("/a/./b/../c"), "/a/c");
  assert.equal(canonicalPath("/f/my%3Afn"), "/f/my%253Afn");
});

/** Starts a server that records what each request's verification said. */
function recordingServer(accepted: ReadonlyMap<string, Credential>) {
  const outcomes: (string)[] = [];
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const body = new Uint8Array(await req.arrayBuffer());
    try {
      const scope = await verifySignature(req, body, { credentials: accepted });
      outcomes.push(`ok ${scope.service}`);
    } catch (e) {
      outcomes.push(e instanceof SignatureError ? e.code : String(e));
    }
    return new Response("{}", { status: 400, headers: { "content-type": "application/json" } });
  });
  return { outcomes, server, endpoint: `http://127.0.0.1:${server.addr.port}` };
}

Deno.test("signatures the official SDK produces verify; a wrong secret or key does not", async () => {
  const { outcomes, server, endpoint } = recordingServer(credentials);
  try {
    const send = async (secretAccessKey: string, accessKeyId = "test") => {
      const common = {
        endpoint,
        region: "eu-west-1",
        credentials: { accessKeyId, secretAccessKey },
        maxAttempts: 1,
      };
      await new ECSClient(common).send(new ListClustersCommand({ maxResults: 5 })).catch(() => {});
      await new LambdaClient(common).send(
        new ListFunctionsCommand({ MaxItems: 3, Marker: "a b+c" }),
      )
        .catch(() => {});
      await new LambdaClient(common).send(
        new GetFunctionCommand({
          FunctionName: "arn:aws:lambda:eu-west-1:000000000000:function:f",
        }),
      ).catch(() => {});
    };
    await send("test");
    await send("wrong");
    await send("test", "unknown");
    assert.deepEqual(outcomes, [
      "ok ecs",
      "ok lambda",
      "ok lambda",
      "SignatureDoesNotMatch",
      "SignatureDoesNotMatch",
      "SignatureDoesNotMatch",
      "UnrecognizedClient",
      "UnrecognizedClient",
      "UnrecognizedClient",
    ]);
  } finally {
    await server.shutdown();
  }
});

Deno.test("an unsigned request or a stale date is refused", async () => {
  const unsigned = new Request("http://127.0.0.1/", { method: "POST" });
  await assert.rejects(
    verifySignature(unsigned, new Uint8Array(), { credentials }),
    (e) => e instanceof SignatureError && e.code === "MissingAuthenticationToken",
  );
  const stale = new Request("http://127.0.0.1/", {
    method: "POST",
    headers: {
      "x-amz-date": "20200101T000000Z",
      authorization:
        "AWS4-HMAC-SHA256 Credential=test/20200101/us-east-1/ecs/aws4_request, SignedHeaders=host;x-amz-date, Signature=00",
    },
  });
  await assert.rejects(
    verifySignature(stale, new Uint8Array(), { credentials }),
    (e) => e instanceof SignatureError && e.code === "SignatureExpired",
  );
});
