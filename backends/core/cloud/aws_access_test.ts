import assert from "node:assert/strict";
import { awsAccessFromEnv, sdkConfig } from "./aws_access.ts";

const env = (vars: Record<string, string>) => (name: string) => vars[name];

Deno.test("AWS access comes from the usual variables", () => {
  const access = awsAccessFromEnv(
    "test",
    "http://127.0.0.1:4566",
    env({ AWS_ACCESS_KEY_ID: "k", AWS_SECRET_ACCESS_KEY: "s", AWS_DEFAULT_REGION: "eu-west-1" }),
  );
  assert.deepEqual(access, {
    endpoint: "http://127.0.0.1:4566",
    region: "eu-west-1",
    credentials: { accessKeyId: "k", secretAccessKey: "s" },
  });
  assert.deepEqual(sdkConfig(access), {
    region: "eu-west-1",
    credentials: { accessKeyId: "k", secretAccessKey: "s" },
    endpoint: "http://127.0.0.1:4566",
  });
  assert.equal("endpoint" in sdkConfig({ ...access, endpoint: undefined }), false);
});

Deno.test("a missing credential or region fails naming the backend and the variable", () => {
  assert.throws(
    () =>
      awsAccessFromEnv("ecs", undefined, env({ AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "k" })),
    /^Error: ecs backend: AWS_SECRET_ACCESS_KEY is not set/,
  );
  assert.throws(
    () => awsAccessFromEnv("lambda", undefined, env({ AWS_ACCESS_KEY_ID: "k" })),
    /^Error: lambda backend: neither AWS_REGION nor AWS_DEFAULT_REGION/,
  );
});
