/**
 * The AWS side of the lambda backend: SDK clients pointed at the configured endpoint (the
 * simulator when local), the execution role functions run as, and how container ids map to
 * function and log group names.
 *
 * @module
 */
import { LambdaClient } from "@aws-sdk/client-lambda";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { type AwsAccess, awsAccessFromEnv, sdkConfig } from "../core/cloud/mod.ts";

export type { AwsAccess };

/** Where and as whom the backend calls AWS, and the role its functions assume. */
export interface LambdaAccess extends AwsAccess {
  role: string;
}

/** The usual AWS variables plus `SOCKERLESS_LAMBDA_ROLE`; fails naming what is missing. */
export function lambdaAccessFromEnv(
  endpoint: string | undefined,
  env: (name: string) => string | undefined = (name) => Deno.env.get(name),
): LambdaAccess {
  const access = awsAccessFromEnv("lambda", endpoint, env);
  const role = env("SOCKERLESS_LAMBDA_ROLE");
  if (!role) {
    throw new Error(
      "lambda backend: SOCKERLESS_LAMBDA_ROLE is not set (CreateFunction needs the ARN of the " +
        "execution role the functions run as)",
    );
  }
  return { ...access, role };
}

/** The SDK clients, built once. */
export class LambdaCloud {
  readonly lambda: LambdaClient;
  readonly logs: CloudWatchLogsClient;

  constructor(readonly access: LambdaAccess) {
    this.lambda = new LambdaClient(sdkConfig(access));
    this.logs = new CloudWatchLogsClient(sdkConfig(access));
  }
}

/** Each container is one function, named after its id (names are unique, ids more so). */
export function functionNameOf(id: string): string {
  return `sockerless-${id.slice(0, 12)}`;
}

/** Lambda writes every instance's output to this group. */
export function logGroupOf(functionName: string): string {
  return `/aws/lambda/${functionName}`;
}
