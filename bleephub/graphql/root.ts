/** The GraphQL query root: viewer, repository, owners, node lookup, search and rate limit. */
import { IssueNode } from "./issue_node.ts";
import type { GqlContext } from "./context.ts";
import { parseNodeId } from "./node_id.ts";
import { UserNode } from "./user_node.ts";
import { RepositoryNode } from "./repository_node.ts";
import { visibleRepoOrNull } from "./lookup.ts";
import { userById, userByLogin } from "../store/users.ts";
import { permissionOf, repoById } from "../store/repos.ts";
import { issueById } from "../store/issues.ts";
import { searchGraphql } from "./search.ts";

function nodeById(ctx: GqlContext, id: string): unknown {
  const parsed = parseNodeId(id);
  if (!parsed) return null;
  const db = ctx.hub.db;
  switch (parsed.type) {
    case "User":
    case "Organization": {
      const u = userById(db, Number(parsed.id));
      return u ? new UserNode(ctx, u) : null;
    }
    case "Repository": {
      const r = repoById(db, Number(parsed.id));
      return r && permissionOf(db, r, ctx.viewer) !== "none" ? new RepositoryNode(ctx, r) : null;
    }
    case "Issue":
    case "PullRequest": {
      const i = issueById(db, Number(parsed.id));
      const r = i && repoById(db, i.repo_id);
      return i && r && permissionOf(db, r, ctx.viewer) !== "none" ? new IssueNode(ctx, i) : null;
    }
  }
  return null;
}

export const queryRoot = {
  viewer: (_: unknown, ctx: GqlContext) => new UserNode(ctx, ctx.viewer),
  repository: (args: { owner: string; name: string }, ctx: GqlContext) => {
    const repo = visibleRepoOrNull(ctx, args.owner, args.name);
    if (!repo) {
      throw Object.assign(
        new Error(`Could not resolve to a Repository with the name '${args.owner}/${args.name}'.`),
        { type: "NOT_FOUND" },
      );
    }
    return new RepositoryNode(ctx, repo);
  },
  repositoryOwner: (args: { login: string }, ctx: GqlContext) => {
    const u = userByLogin(ctx.hub.db, args.login);
    return u ? new UserNode(ctx, u) : null;
  },
  user: (args: { login: string }, ctx: GqlContext) => {
    const u = userByLogin(ctx.hub.db, args.login);
    if (!u || u.type !== "User") {
      throw Object.assign(
        new Error(`Could not resolve to a User with the login of '${args.login}'.`),
        { type: "NOT_FOUND" },
      );
    }
    return new UserNode(ctx, u);
  },
  organization: (args: { login: string }, ctx: GqlContext) => {
    const u = userByLogin(ctx.hub.db, args.login);
    if (!u || u.type !== "Organization") {
      throw Object.assign(
        new Error(`Could not resolve to an Organization with the login of '${args.login}'.`),
        { type: "NOT_FOUND" },
      );
    }
    return new UserNode(ctx, u);
  },
  node: (args: { id: string }, ctx: GqlContext) => nodeById(ctx, args.id),
  nodes: (args: { ids: string[] }, ctx: GqlContext) => args.ids.map((id) => nodeById(ctx, id)),
  search: searchGraphql,
  rateLimit: (_: unknown, ctx: GqlContext) => ({
    limit: ctx.rate.limit,
    cost: 1,
    remaining: ctx.rate.remaining,
    used: ctx.rate.used,
    resetAt: new Date(ctx.rate.reset * 1000).toISOString(),
    nodeCount: 0,
  }),
};
