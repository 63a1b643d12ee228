/**
 * The environment Lambda gives a function instance, over its image's `Env`: the function's own variables plus the
 * reserved `AWS_*` ones (which CreateFunction refuses to let a caller set), including the
 * Runtime API address the instance polls.
 *
 * @module
 */
import type { LambdaFunction } from "../state/model.ts";

export function instanceEnvironment(
  fn: LambdaFunction,
  region: string,
  runtimeApi: string,
  logStream: string,
): Record<string, string> {
  // PATH is the image's (the runtime defaults it as Docker does when the image sets none).
  return {
    ...(fn.Environment?.Variables ?? {}),
    AWS_LAMBDA_RUNTIME_API: runtimeApi,
    AWS_LAMBDA_FUNCTION_NAME: fn.FunctionName,
    AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.MemorySize),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.FunctionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: logStream,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_EXECUTION_ENV: "AWS_Lambda_Image",
  };
}
