/**
 * Lambda function management: CreateFunction (image package type), GetFunction,
 * GetFunctionConfiguration, UpdateFunctionConfiguration, DeleteFunction, ListFunctions, and the
 * tag operations (TagResource, UntagResource, ListTags).
 *
 * @module
 */
import type { AwsContext } from "../context.ts";
import type { LambdaFunction } from "../state/model.ts";
import { AwsError } from "../wire/errors.ts";
import { functionNotFound, invalidParameterValue, validationError } from "./errors.ts";
import { checkSourceImage } from "./source_image.ts";

const NAME = /^[a-zA-Z0-9-_]{1,64}$/;
const ROLE = /^arn:aws[a-z-]*:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;

export function functionArn(ctx: AwsContext, name: string): string {
  return `arn:aws:lambda:${ctx.region}:${ctx.accountId}:function:${name}`;
}

/** The function a path parameter names: a name, a full ARN or a partial `account:function:name`. */
export function requireFunction(ctx: AwsContext, ref: string): LambdaFunction {
  const m =
    /^(?:arn:aws[a-z-]*:lambda:([a-z0-9-]+):)?(?:(\d{12}):)?(?:function:)?([a-zA-Z0-9-_]+)(?::(\$LATEST|[a-zA-Z0-9-_]+))?$/
      .exec(ref);
  if (!m) {
    throw validationError(
      `1 validation error detected: Value '${ref}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern`,
    );
  }
  const [, region, account, name, qualifier] = m;
  if ((region && region !== ctx.region) || (account && account !== ctx.accountId)) {
    throw functionNotFound(ref);
  }
  const fn = ctx.world.state.functions[`${ctx.region}/${name}`];
  if (!fn) throw functionNotFound(functionArn(ctx, name));
  if (qualifier && qualifier !== "$LATEST") {
    throw new AwsError(
      "ResourceNotFoundException",
      `Function not found: ${
        functionArn(ctx, name)
      }:${qualifier} (the simulator publishes no versions or aliases)`,
      404,
    );
  }
  return fn;
}

function _revision(fn: LambdaFunction): void {
  fn.RevisionId = crypto.randomUUID();
  fn.LastModified = new Date().toISOString().replace("Z", "+0000");
}

async function _imageSha(uri: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(uri));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The configuration as GetFunctionConfiguration returns it (no code, no tags). */
export function configuration(fn: LambdaFunction) {
  const { Code: _code, Tags: _tags, ...config } = fn;
  return config;
}

function _environment(value: unknown): LambdaFunction["Environment"] {
  if (value === undefined) return undefined;
  const vars = (value as { Variables?: Record<string, unknown> }).Variables ?? {};
  for (const [k, v] of Object.entries(vars)) {
    if (!/^[a-zA-Z]\w*$/.test(k) || typeof v !== "string") {
      throw invalidParameterValue(
        `Environment variable ${k} must have a valid name and a string value.`,
      );
    }
    if (k.startsWith("AWS_") || k.startsWith("LAMBDA_") || k.startsWith("_")) {
      throw invalidParameterValue(
        `Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${k}`,
      );
    }
  }
  return { Variables: vars as Record<string, string> };
}

function _limits(input: Record<string, unknown>, fn: Partial<LambdaFunction>): void {
  if (input.Timeout !== undefined) {
    const t = input.Timeout;
    if (typeof t !== "number" || !Number.isInteger(t) || t < 1 || t > 900) {
      throw validationError(
        `1 validation error detected: Value '${t}' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900`,
      );
    }
    fn.Timeout = t;
  }
  if (input.MemorySize !== undefined) {
    const m = input.MemorySize;
    if (typeof m !== "number" || !Number.isInteger(m) || m < 128 || m > 10240) {
      throw validationError(
        `1 validation error detected: Value '${m}' at 'memorySize' failed to satisfy constraint: Member must have value between 128 and 10240`,
      );
    }
    fn.MemorySize = m;
  }
}

export async function createFunction(input: Record<string, unknown>, ctx: AwsContext) {
  const name = input.FunctionName;
  if (typeof name !== "string" || !NAME.test(name)) {
    throw validationError(
      "1 validation error detected: Value at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+",
    );
  }
  if (typeof input.Role !== "string" || !ROLE.test(input.Role)) {
    throw validationError(
      `1 validation error detected: Value '${input.Role}' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+`,
    );
  }
  if (input.PackageType !== "Image") {
    throw invalidParameterValue(
      "The simulator runs container-image functions only: set PackageType to Image with Code.ImageUri (zip packages are not supported).",
    );
  }
  const imageUri = (input.Code as { ImageUri?: unknown } | undefined)?.ImageUri;
  if (typeof imageUri !== "string" || imageUri === "") {
    throw invalidParameterValue("Code.ImageUri is required when PackageType is Image.");
  }
  const key = `${ctx.region}/${name}`;
  if (ctx.world.state.functions[key]) {
    throw new AwsError("ResourceConflictException", `Function already exist: ${name}`, 409);
  }
  const source = await checkSourceImage(ctx, imageUri);
  if (ctx.world.state.functions[key]) {
    throw new AwsError("ResourceConflictException", `Function already exist: ${name}`, 409);
  }
  const fn: LambdaFunction = {
    FunctionName: name,
    FunctionArn: functionArn(ctx, name),
    Role: input.Role,
    PackageType: "Image",
    Code: { ImageUri: imageUri },
    ...(input.ImageConfig
      ? { ImageConfig: input.ImageConfig as LambdaFunction["ImageConfig"] }
      : {}),
    Description: typeof input.Description === "string" ? input.Description : "",
    Timeout: 3,
    MemorySize: 128,
    Environment: _environment(input.Environment),
    Architectures: Array.isArray(input.Architectures)
      ? input.Architectures as string[]
      : ["x86_64"],
    LastModified: "",
    CodeSha256: source.codeSha256 ?? await _imageSha(imageUri),
    CodeSize: 0,
    Version: "$LATEST",
    RevisionId: "",
    State: "Active",
    ...(source.note ? { StateReason: source.note } : {}),
    LastUpdateStatus: "Successful",
    EphemeralStorage: { Size: 512 },
    TracingConfig: { Mode: "PassThrough" },
    Tags: (input.Tags ?? {}) as Record<string, string>,
  };
  _limits(input, fn);
  _revision(fn);
  ctx.world.state.functions[key] = fn;
  ctx.world.store.changed();
  return { status: 201, body: configuration(fn) };
}

export function getFunction(ctx: AwsContext, ref: string) {
  const fn = requireFunction(ctx, ref);
  return {
    Configuration: configuration(fn),
    Code: { RepositoryType: "ECR", ImageUri: fn.Code.ImageUri, ResolvedImageUri: fn.Code.ImageUri },
    Tags: fn.Tags,
  };
}

export function updateFunctionConfiguration(
  input: Record<string, unknown>,
  ctx: AwsContext,
  ref: string,
) {
  const fn = requireFunction(ctx, ref);
  if (typeof input.RevisionId === "string" && input.RevisionId !== fn.RevisionId) {
    throw new AwsError(
      "PreconditionFailedException",
      "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id",
      412,
    );
  }
  if (input.Role !== undefined) {
    if (typeof input.Role !== "string" || !ROLE.test(input.Role)) {
      throw validationError(
        "1 validation error detected: Value at 'role' failed to satisfy constraint",
      );
    }
    fn.Role = input.Role;
  }
  _limits(input, fn);
  if (input.Environment !== undefined) fn.Environment = _environment(input.Environment);
  if (typeof input.Description === "string") fn.Description = input.Description;
  if (input.ImageConfig !== undefined) {
    fn.ImageConfig = input.ImageConfig as LambdaFunction["ImageConfig"];
  }
  _revision(fn);
  ctx.world.store.changed();
  return configuration(fn);
}

export function deleteFunction(ctx: AwsContext, ref: string): void {
  const fn = requireFunction(ctx, ref);
  delete ctx.world.state.functions[`${ctx.region}/${fn.FunctionName}`];
  ctx.world.store.changed();
}

export function listFunctions(ctx: AwsContext, query: URLSearchParams) {
  const all = Object.entries(ctx.world.state.functions).filter(([k]) =>
    k.startsWith(`${ctx.region}/`)
  ).map(([, f]) => configuration(f));
  const start = query.get("Marker") ? Number(query.get("Marker")) : 0;
  if (!Number.isInteger(start) || start < 0) throw invalidParameterValue("Invalid Marker.");
  const max = query.get("MaxItems") ? Number(query.get("MaxItems")) : 50;
  const items = all.slice(start, start + max);
  const next = start + max < all.length ? String(start + max) : undefined;
  return next ? { Functions: items, NextMarker: next } : { Functions: items };
}

/** The function a tagging ARN names (tags are addressed by full ARN). */
export function tagTarget(ctx: AwsContext, arn: string): LambdaFunction {
  if (!arn.startsWith("arn:")) throw validationError(`Invalid ARN: ${arn}`);
  return requireFunction(ctx, arn);
}

export function tagResource(input: Record<string, unknown>, ctx: AwsContext, arn: string): void {
  const fn = tagTarget(ctx, arn);
  const tags = (input.Tags ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(tags)) {
    if (typeof v !== "string") throw invalidParameterValue(`Tag ${k} must have a string value.`);
    fn.Tags[k] = v;
  }
  if (Object.keys(fn.Tags).length > 50) {
    throw invalidParameterValue("A function can have at most 50 tags.");
  }
  ctx.world.store.changed();
}

export function untagResource(ctx: AwsContext, arn: string, keys: string[]): void {
  const fn = tagTarget(ctx, arn);
  for (const k of keys) delete fn.Tags[k];
  ctx.world.store.changed();
}
