import assert from "node:assert/strict";
import type { GraphQLEnumType } from "graphql";
import { githubSchema } from "./schema.ts";
import { mutationRoot } from "./mutations.ts";
import { queryRoot } from "./root.ts";

Deno.test("every root resolver answers a field of GitHub's published schema", () => {
  const schema = githubSchema();
  const mutations = schema.getMutationType()!.getFields();
  const queries = schema.getQueryType()!.getFields();
  assert.deepEqual(Object.keys(mutationRoot).filter((k) => !(k in mutations)), []);
  assert.deepEqual(Object.keys(queryRoot).filter((k) => !(k in queries)), []);
  // The enums gh relies on come from the schema itself.
  const merge = schema.getType("PullRequestMergeMethod") as GraphQLEnumType;
  assert.deepEqual(merge.getValues().map((v) => v.name).sort(), ["MERGE", "REBASE", "SQUASH"]);
});
