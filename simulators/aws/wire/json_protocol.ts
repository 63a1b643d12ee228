/**
 * The awsJson1_1 protocol (ECS, CloudWatch Logs, ECR): `POST /`, the operation in
 * `X-Amz-Target: <Prefix>.<Operation>`, a JSON body, a JSON reply; errors are HTTP 400/403/500
 * with `{"__type": "<namespace>#<Code>", "message": …}` and the code in `x-amzn-ErrorType`.
 *
 * @module
 */
import { asAwsError, AwsError, serializationException } from "./errors.ts";

/** One operation: a JSON object in, a JSON-able object out. */
export type JsonOperation<C> = (
  input: Record<string, unknown>,
  ctx: C,
) => unknown | Promise<unknown>;

/** A service speaking awsJson1_1: the target prefix, the error namespace and the operations. */
export interface JsonService<C> {
  /** `X-Amz-Target` prefix, e.g. `AmazonEC2ContainerServiceV20141113`. */
  targetPrefix: string;
  /** Namespace shown before `#` in `__type`, e.g. `com.amazonaws.ecs`. */
  namespace: string;
  operations: Record<string, JsonOperation<C>>;
}

/** Renders an error the way awsJson1_1 services do. */
export function jsonError(e: unknown, namespace: string, requestId: string): Response {
  const error = asAwsError(e);
  return new Response(
    JSON.stringify({ __type: `${namespace}#${error.code}`, message: error.message }),
    {
      status: error.status,
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amzn-requestid": requestId,
        "x-amzn-errortype": error.code,
      },
    },
  );
}

/** Parses the body as the JSON object every awsJson operation takes (an empty body is `{}`). */
export function parseJsonBody(body: Uint8Array): Record<string, unknown> {
  const text = new TextDecoder().decode(body);
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw serializationException(
      `Start of structure or map found where not expected: ${(e as Error).message}`,
    );
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw serializationException("The request body must be a JSON object.");
  }
  return value as Record<string, unknown>;
}

/** Runs the operation `target` names and renders its result or its error. */
export async function serveJson<C>(
  service: JsonService<C>,
  target: string,
  body: Uint8Array,
  ctx: C,
  requestId: string,
): Promise<Response> {
  try {
    const operation = target.slice(service.targetPrefix.length + 1);
    const handler = Object.hasOwn(service.operations, operation)
      ? service.operations[operation]
      : undefined;
    if (!handler) {
      throw new AwsError("UnknownOperationException", `Unknown operation ${target}`);
    }
    const output = await handler(parseJsonBody(body), ctx);
    return new Response(JSON.stringify(output ?? {}), {
      headers: { "content-type": "application/x-amz-json-1.1", "x-amzn-requestid": requestId },
    });
  } catch (e) {
    return jsonError(e, service.namespace, requestId);
  }
}
