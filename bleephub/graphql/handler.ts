/**
 * `POST /api/graphql`: GitHub answers syntax and validation errors with 200 and an `errors`
 * list (no `data`), requires authentication (401), and adds a `type` to resolver errors.
 */
import {
  type DocumentNode,
  execute,
  type GraphQLError,
  type GraphQLFieldResolver,
  OverlappingFieldsCanBeMergedRule,
  parse,
  specifiedRules,
  validate,
} from "graphql";

/**
 * GitHub's server (graphql-ruby) accepts same-named fields of different types across inline
 * fragments, and gh relies on it (`... on Issue { state } ... on PullRequest { state }`).
 */
const RULES = specifiedRules.filter((r) => r !== OverlappingFieldsCanBeMergedRule);

/**
 * Resolves a field from the source object like graphql-js's default resolver, but a field the
 * object does not define at all fails loudly instead of quietly answering null: GitHub's schema
 * is far larger than what bleephub models, and a silent null (or a no-op mutation that reports
 * success) would mislead a client. Objects state known-empty fields explicitly.
 */
const strictFieldResolver: GraphQLFieldResolver<unknown, GqlContext> = (
  source,
  args,
  ctx,
  info,
) => {
  if (source === null || typeof source !== "object" || !(info.fieldName in source)) {
    throw new GqlError(
      "NOT_IMPLEMENTED",
      `bleephub does not implement ${info.parentType.name}.${info.fieldName}`,
    );
  }
  const value = (source as Record<string, unknown>)[info.fieldName];
  return typeof value === "function" ? value.call(source, args, ctx, info) : value;
};
import type { Hub } from "../hub.ts";
import type { Caller } from "../auth.ts";
import type { RateState } from "../rate_limit.ts";
import { GitHubError } from "../errors.ts";
import { json } from "../rest/respond.ts";
import { githubSchema } from "./schema.ts";
import { queryRoot } from "./root.ts";
import { mutationRoot } from "./mutations.ts";
import type { GqlContext } from "./context.ts";
import { GqlError } from "./lookup.ts";

function formatError(e: GraphQLError): Record<string, unknown> {
  const out: Record<string, unknown> = { message: e.message };
  if (e.locations) out.locations = e.locations;
  if (e.path) out.path = e.path;
  const type = (e.originalError as { type?: string } | undefined)?.type;
  if (type) out.type = type;
  if (
    e.originalError && !type &&
    !(e.originalError instanceof Error && e.originalError.name === "GraphQLError")
  ) {
    console.error("bleephub graphql resolver error:", e.originalError);
  }
  return out;
}

export async function handleGraphql(hub: Hub, req: Request, caller: Caller, rate: RateState) {
  if (req.method !== "POST") throw new GitHubError(404, "Not Found");
  if (!caller.viewer) throw new GitHubError(401, "This endpoint requires you to be authenticated.");
  let body: { query?: unknown; variables?: unknown; operationName?: unknown };
  try {
    body = JSON.parse(await req.text());
  } catch {
    throw new GitHubError(400, "Problems parsing JSON");
  }
  if (typeof body?.query !== "string") {
    return json({
      errors: [{ message: "A query attribute must be specified and must be a string." }],
    });
  }
  let document: DocumentNode;
  try {
    document = parse(body.query);
  } catch (e) {
    return json({ errors: [formatError(e as GraphQLError)] });
  }
  const schema = githubSchema();
  const errors = validate(schema, document, RULES);
  if (errors.length) return json({ errors: errors.map(formatError) });
  const ctx: GqlContext = { hub, viewer: caller.viewer, scopes: caller.scopes, rate };
  const isMutation = document.definitions.some((d) =>
    d.kind === "OperationDefinition" && d.operation === "mutation"
  );
  const result = await execute({
    schema,
    document,
    rootValue: isMutation ? mutationRoot : queryRoot,
    contextValue: ctx,
    fieldResolver: strictFieldResolver,
    variableValues: (body.variables ?? undefined) as Record<string, unknown> | undefined,
    operationName: typeof body.operationName === "string" ? body.operationName : undefined,
  });
  const out: Record<string, unknown> = { data: result.data ?? null };
  if (result.errors?.length) out.errors = result.errors.map(formatError);
  return json(out);
}
