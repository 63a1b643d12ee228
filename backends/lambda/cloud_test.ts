import assert from "node:assert/strict";
import { lambdaAccessFromEnv } from "./cloud.ts";

const env = (vars: Record<string, string>) => (name: string) => vars[name];
const aws = { AWS_ACCESS_KEY_ID: "k", AWS_SECRET_ACCESS_KEY: "s", AWS_REGION: "eu-west-1" };

Deno.test("lambda access needs the execution role as well as the AWS variables", () => {
  assert.throws(
    () => lambdaAccessFromEnv(undefined, env(aws)),
    /SOCKERLESS_LAMBDA_ROLE is not set/,
  );
  const access = lambdaAccessFromEnv(undefined, env({ ...aws, SOCKERLESS_LAMBDA_ROLE: "arn:r" }));
  assert.equal(access.role, "arn:r");
  assert.equal(access.region, "eu-west-1");
});

Deno.test("a missing AWS variable fails naming the lambda backend", () => {
  assert.throws(
    () => lambdaAccessFromEnv(undefined, env({ AWS_ACCESS_KEY_ID: "k" })),
    /^Error: lambda backend: neither AWS_REGION/,
  );
});
