/**
 * GitHub's own published GraphQL schema (npm `@octokit/graphql-schema`), so every query a real
 * client sends validates exactly as on GitHub and introspection answers the same. Fields we do
 * not resolve come back null, and a non-null one fails loudly with GraphQL's own error naming it.
 */
import { schema as published } from "@octokit/graphql-schema";
import { buildSchema, type GraphQLSchema } from "graphql";

let cached: GraphQLSchema | undefined;

export function githubSchema(): GraphQLSchema {
  // The published SDL repeats a few field definitions, which GitHub's server tolerates; skipping
  // SDL validation accepts it as they do. ~0.5 s, once per process.
  cached ??= buildSchema(published.idl, { assumeValidSDL: true });
  return cached;
}
