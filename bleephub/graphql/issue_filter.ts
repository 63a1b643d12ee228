/**
 * The issue and pull request connections' arguments (`states`, `labels`, `filterBy`, `orderBy`,
 * head/base branch) applied as GitHub applies them.
 */
import type { Db } from "../store/db.ts";
import type { ConnectionArgs } from "./connection.ts";
import { type IssueRow, listIssues } from "../store/issues.ts";
import { userByLogin } from "../store/users.ts";

export interface IssueArgs extends ConnectionArgs {
  states?: string[] | null;
  labels?: string[] | null;
  headRefName?: string | null;
  baseRefName?: string | null;
  orderBy?: { field: string; direction: string } | null;
  filterBy?: {
    assignee?: string;
    createdBy?: string;
    labels?: string[];
    milestone?: string;
    milestoneNumber?: string;
    states?: string[];
  } | null;
}

export function issuesFor(db: Db, repoId: number, pulls: boolean, args: IssueArgs): IssueRow[] {
  const f = args.filterBy ?? {};
  const states = (args.states ?? f.states ?? []).map((s) => s.toUpperCase());
  let rows = listIssues(db, repoId, {
    pulls,
    labels: args.labels ?? f.labels ?? undefined,
    head: args.headRefName ?? undefined,
    base: args.baseRefName ?? undefined,
    creator: f.createdBy ? (userByLogin(db, f.createdBy)?.id ?? -1) : undefined,
    assignee: f.assignee ? (userByLogin(db, f.assignee)?.id ?? -1) : undefined,
  });
  if (states.length) {
    rows = rows.filter((i) => states.includes(i.merged_at ? "MERGED" : i.state.toUpperCase()));
  }
  if (f.milestone || f.milestoneNumber) {
    rows = rows.filter((i) => {
      if (!i.milestone_id) return false;
      const m = db.prepare("SELECT number, title FROM milestones WHERE id = ?").get(
        i.milestone_id,
      ) as { number: number; title: string };
      return String(m.number) === (f.milestoneNumber ?? f.milestone) || m.title === f.milestone;
    });
  }
  const field = args.orderBy?.field ?? "CREATED_AT";
  // Without orderBy GitHub lists oldest first.
  const dir = args.orderBy?.direction === "DESC" ? -1 : 1;
  const key = (i: IssueRow) =>
    field === "UPDATED_AT"
      ? i.updated_at + String(i.number).padStart(9, "0")
      : String(i.number).padStart(9, "0");
  return rows.sort((a, b) => key(a) < key(b) ? -dir : key(a) > key(b) ? dir : 0);
}
