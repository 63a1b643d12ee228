/**
 * The AWS simulator's HTTP front: verifies SigV4 on every API request, then routes by protocol:
 * `X-Amz-Target` for the awsJson services (ECS, CloudWatch Logs, ECR), the path for Lambda's
 * restJson, a form body with `Action=` for STS's awsQuery. Workload-facing endpoints (the Lambda
 * Runtime API and ECS exec streams) carry their own per-instance or per-session credentials, and
 * ECR's registry (`/v2/…`) takes the Basic credentials GetAuthorizationToken hands out.
 *
 * @module
 */
import type { AwsContext, World } from "./context.ts";
import { type Credential, SignatureError, verifySignature } from "./sigv4/verify.ts";
import { AwsError, signatureFailure } from "./wire/errors.ts";
import { jsonError, type JsonService, serveJson } from "./wire/json_protocol.ts";
import { queryError } from "./wire/query_protocol.ts";
import { ecsService, serveExecStream } from "./ecs/mod.ts";
import { logsService } from "./logs/mod.ts";
import { ecrService, isRegistryPath, serveRegistry } from "./ecr/mod.ts";
import { serveSts, STS_XMLNS } from "./sts/mod.ts";
import { isLambdaPath, serveLambda } from "./lambda/routes.ts";
import { lambdaError } from "./lambda/errors.ts";
import type { LambdaInvoker } from "./lambda/invoker.ts";

const JSON_SERVICES: JsonService<AwsContext>[] = [ecsService, logsService, ecrService];

/** Options for {@link awsHandler}. */
export interface HandlerOptions {
  world: World;
  invoker: LambdaInvoker;
  credentials: ReadonlyMap<string, Credential>;
  accountId: string;
}

type Protocol = "json" | "rest" | "query";

/** Builds the simulator's fetch-style request handler. */
export function awsHandler(options: HandlerOptions): (req: Request) => Promise<Response> {
  const { world, invoker, credentials, accountId } = options;
  return async function handleAwsRequest(req: Request): Promise<Response> {
    const requestId = crypto.randomUUID();
    const url = new URL(req.url);
    const runtime = /^\/lambda-runtime\/([^/]+)(\/.*)$/.exec(url.pathname);
    if (runtime) return invoker.serveRuntimeApi(req, runtime[1], runtime[2]);
    const exec = /^\/ecs-exec\/([^/]+)$/.exec(url.pathname);
    if (exec && req.method === "GET") return serveExecStream(req, world, exec[1]);
    // ECR's registry (OCI distribution API) authenticates with ECR tokens, not SigV4.
    if (isRegistryPath(url.pathname)) return serveRegistry(req, world, accountId);

    const target = req.headers.get("x-amz-target");
    const contentType = req.headers.get("content-type") ?? "";
    const protocol: Protocol = target ? "json" : isLambdaPath(url.pathname) ? "rest" : "query";
    const fail = (e: unknown, namespace = "com.amazon.coral.service") =>
      protocol === "json"
        ? jsonError(e, namespace, requestId)
        : protocol === "rest"
        ? lambdaError(e, requestId)
        : queryError(e, STS_XMLNS, requestId);

    const body = new Uint8Array(await req.arrayBuffer());
    let scope;
    try {
      scope = await verifySignature(req, body, { credentials });
    } catch (e) {
      if (e instanceof SignatureError) {
        return fail(signatureFailure(e, protocol === "query" ? "query" : "json"));
      }
      throw e;
    }
    const ctx: AwsContext = { region: scope.region, accountId, requestId, world };

    if (protocol === "json") {
      const service = JSON_SERVICES.find((s) => target!.startsWith(s.targetPrefix + "."));
      if (!service) {
        return fail(new AwsError("UnknownOperationException", `Unknown operation ${target}`));
      }
      return serveJson(service, target!, body, ctx, requestId);
    }
    if (protocol === "rest") return serveLambda(req, body, ctx, invoker);
    if (req.method === "POST" && contentType.startsWith("application/x-www-form-urlencoded")) {
      const params = new URLSearchParams(new TextDecoder().decode(body));
      if (scope.service === "sts" || params.get("Version") === "2011-06-15") {
        return serveSts(params, ctx, scope.accessKeyId);
      }
    }
    return fail(
      new AwsError(
        "UnknownOperationException",
        `The simulator serves ECS, CloudWatch Logs, ECR, Lambda and STS; nothing answers ${req.method} ${url.pathname} for service ${scope.service}`,
        404,
      ),
    );
  };
}
