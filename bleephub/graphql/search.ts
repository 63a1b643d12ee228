/** GraphQL `search(query, type)`: issues and pull requests, repositories, or users. */
import type { GqlContext } from "./context.ts";
import { connection, type ConnectionArgs } from "./connection.ts";
import { searchIssues, searchRepos } from "../search.ts";
import { IssueNode } from "./issue_node.ts";
import { RepositoryNode } from "./repository_node.ts";
import { UserNode } from "./user_node.ts";
import type { UserRow } from "../store/users.ts";

export function searchGraphql(
  args: ConnectionArgs & { query: string; type: string },
  ctx: GqlContext,
) {
  let nodes: unknown[];
  if (args.type === "ISSUE") {
    nodes = searchIssues(ctx.hub, ctx.viewer, args.query).map((i) => new IssueNode(ctx, i));
  } else if (args.type === "REPOSITORY") {
    nodes = searchRepos(ctx.hub, ctx.viewer, args.query).map((r) => new RepositoryNode(ctx, r));
  } else if (args.type === "USER") {
    const term = args.query.toLowerCase();
    nodes = (ctx.hub.db.prepare("SELECT * FROM users ORDER BY id").all() as unknown as UserRow[])
      .filter((u) => u.login.toLowerCase().includes(term)).map((u) => new UserNode(ctx, u));
  } else {
    throw new Error(`bleephub does not index ${args.type} search results`);
  }
  const c = connection(nodes, args);
  const count = (t: string) => args.type === t ? c.totalCount : 0;
  return {
    ...c,
    issueCount: count("ISSUE"),
    repositoryCount: count("REPOSITORY"),
    userCount: count("USER"),
    codeCount: 0,
    discussionCount: 0,
    wikiCount: 0,
  };
}
