/** Finding rows from GraphQL arguments (node IDs, owner/name) with GitHub's error types. */
import type { GqlContext } from "./context.ts";
import { parseNodeId } from "./node_id.ts";
import {
  atLeast,
  type Permission,
  permissionOf,
  repoById,
  repoByName,
  type RepoRow,
} from "../store/repos.ts";
import { issueById, type IssueRow, type LabelRow } from "../store/issues.ts";
import { userById, type UserRow } from "../store/users.ts";
import { hasScope } from "../auth.ts";
import { GitHubError } from "../errors.ts";

/** A resolver error that carries GitHub's `type` (NOT_FOUND, FORBIDDEN, UNPROCESSABLE, ...). */
export class GqlError extends Error {
  constructor(readonly type: string, message: string) {
    super(message);
  }
}

export function notFoundId(id: string): GqlError {
  return new GqlError("NOT_FOUND", `Could not resolve to a node with the global id of '${id}'.`);
}

export function visibleRepoOrNull(ctx: GqlContext, owner: string, name: string): RepoRow | null {
  const repo = repoByName(ctx.hub.db, owner, name);
  if (!repo || permissionOf(ctx.hub.db, repo, ctx.viewer) === "none") return null;
  return repo;
}

/** Checks the viewer's role and the token's scope before a mutation touches `repo`. */
export function requireRepoPermission(ctx: GqlContext, repo: RepoRow, need: Permission): void {
  const have = permissionOf(ctx.hub.db, repo, ctx.viewer);
  if (have === "none") throw new GqlError("NOT_FOUND", "Could not resolve to a Repository.");
  if (!atLeast(have, need)) {
    const owner = userById(ctx.hub.db, repo.owner_id)!;
    throw new GqlError(
      "FORBIDDEN",
      `${ctx.viewer.login} does not have the correct permissions to execute this mutation on ${owner.login}/${repo.name}.`,
    );
  }
  const scope = repo.private ? "repo" : "public_repo";
  if (!hasScope(ctx.scopes, scope)) {
    throw new GqlError(
      "INSUFFICIENT_SCOPES",
      `Your token has not been granted the required scopes to execute this query. The '${scope}' scope is required.`,
    );
  }
}

export function repoFromId(ctx: GqlContext, id: string): RepoRow {
  const parsed = parseNodeId(id);
  const repo = parsed?.type === "Repository" ? repoById(ctx.hub.db, Number(parsed.id)) : undefined;
  if (!repo || permissionOf(ctx.hub.db, repo, ctx.viewer) === "none") throw notFoundId(id);
  return repo;
}

/** An issue or pull request by node ID, with its repository (visibility checked). */
export function issueFromId(ctx: GqlContext, id: string): { issue: IssueRow; repo: RepoRow } {
  const parsed = parseNodeId(id);
  const ok = parsed && (parsed.type === "Issue" || parsed.type === "PullRequest");
  const issue = ok ? issueById(ctx.hub.db, Number(parsed.id)) : undefined;
  if (!issue || (parsed!.type === "PullRequest") !== (issue.is_pull === 1)) throw notFoundId(id);
  const repo = repoById(ctx.hub.db, issue.repo_id)!;
  if (permissionOf(ctx.hub.db, repo, ctx.viewer) === "none") throw notFoundId(id);
  return { issue, repo };
}

export function userFromId(ctx: GqlContext, id: string): UserRow {
  const parsed = parseNodeId(id);
  const ok = parsed && (parsed.type === "User" || parsed.type === "Organization");
  const user = ok ? userById(ctx.hub.db, Number(parsed.id)) : undefined;
  if (!user) throw notFoundId(id);
  return user;
}

export function labelFromId(ctx: GqlContext, id: string): LabelRow {
  const parsed = parseNodeId(id);
  const label = parsed?.type === "Label"
    ? ctx.hub.db.prepare("SELECT * FROM labels WHERE id = ?").get(Number(parsed.id)) as
      | LabelRow
      | undefined
    : undefined;
  if (!label) throw notFoundId(id);
  return label;
}

export function milestoneNumberFromId(ctx: GqlContext, id: string): number {
  const parsed = parseNodeId(id);
  const row = parsed?.type === "Milestone"
    ? ctx.hub.db.prepare("SELECT number FROM milestones WHERE id = ?").get(Number(parsed.id)) as {
      number: number;
    } | undefined
    : undefined;
  if (!row) throw notFoundId(id);
  return row.number;
}

/** Runs a domain change, turning REST-style validation errors into GraphQL ones. */
export async function guarded<T>(fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof GitHubError) {
      const detail = e.errors?.map((x) => x.message ?? `${x.field} ${x.code}`).join(", ");
      throw new GqlError(
        e.status === 404 ? "NOT_FOUND" : "UNPROCESSABLE",
        detail ? `${e.message}: ${detail}` : e.message,
      );
    }
    throw e;
  }
}
