/** Issues: list, create, get, update (state, state_reason, labels, assignees, milestone). */
import type { Router } from "../router.ts";
import type { ApiRequest } from "../hub.ts";
import type { Handler } from "./mod.ts";
import { field, json, paginated, readBody } from "./respond.ts";
import { repoFor, requireUser } from "./guards.ts";
import { issueJson } from "./shape_issue.ts";
import { GitHubError, validationFailed } from "../errors.ts";
import { createIssue, type IssueChanges, updateIssue } from "../issues.ts";
import { freezeHeads } from "../pulls.ts";
import { type IssueFilter, listIssues, requireIssue } from "../store/issues.ts";
import { atLeast, permissionOf } from "../store/repos.ts";
import { userByLogin } from "../store/users.ts";

function stringList(body: Record<string, unknown>, name: string): string[] | undefined {
  const v = field<unknown[]>(body, name, "array");
  if (v === undefined) return undefined;
  // GitHub accepts label objects `{name}` as well as names.
  return v.map((x) => {
    if (typeof x === "string") return x;
    if (x && typeof x === "object" && typeof (x as { name?: unknown }).name === "string") {
      return (x as { name: string }).name;
    }
    throw validationFailed({ resource: "Issue", field: name, code: "invalid" });
  });
}

/** Reads the editable issue fields from a request body, typed-checked like GitHub. */
export function issueChanges(body: Record<string, unknown>): IssueChanges {
  const milestone = body.milestone === null ? null : field<number>(body, "milestone", "number");
  const assignee = field<string>(body, "assignee", "string", { nullable: true });
  let assignees = stringList(body, "assignees");
  if (assignees === undefined && assignee !== undefined) assignees = assignee ? [assignee] : [];
  return {
    title: field<string>(body, "title", "string"),
    body: field<string>(body, "body", "string", { nullable: true }),
    state: field<"open" | "closed">(body, "state", "string"),
    state_reason: field<IssueChanges["state_reason"]>(body, "state_reason", "string", {
      nullable: true,
    }),
    labels: stringList(body, "labels"),
    assignees,
    milestone,
  };
}

function filterFrom(ar: ApiRequest): IssueFilter {
  const q = ar.url.searchParams;
  const state = (q.get("state") ?? "open") as IssueFilter["state"];
  if (!["open", "closed", "all"].includes(state!)) {
    throw validationFailed({ resource: "Issue", field: "state", code: "invalid" });
  }
  const userId = (login: string | null) =>
    login === null ? undefined : (userByLogin(ar.hub.db, login)?.id ?? -1);
  const assignee = q.get("assignee");
  const milestone = q.get("milestone");
  return {
    state,
    labels: q.get("labels")?.split(",").map((s) => s.trim()).filter(Boolean),
    creator: userId(q.get("creator")),
    assignee: assignee === "none" || assignee === "*" ? assignee : userId(assignee),
    milestone: milestone === "none" || milestone === "*" || milestone === null
      ? (milestone ?? undefined) as IssueFilter["milestone"]
      : Number(milestone),
  };
}

export function issueRoutes(r: Router<Handler>): void {
  r.add("GET", "/repos/:owner/:repo/issues", (ar) => {
    const repo = repoFor(ar);
    const rows = listIssues(ar.hub.db, repo.id, filterFrom(ar));
    if (ar.url.searchParams.get("direction") === "asc") rows.reverse();
    return paginated(ar, rows, (i) => issueJson(ar.hub, i));
  });
  r.add("POST", "/repos/:owner/:repo/issues", async (ar) => {
    const repo = repoFor(ar);
    const user = requireUser(ar);
    if (!repo.has_issues) throw new GitHubError(410, "Issues are disabled for this repo");
    const body = await readBody(ar);
    const changes = issueChanges(body);
    // Only people who can triage may set labels, assignees and milestones; GitHub drops them
    // silently for others, so we do the same.
    const triage = atLeast(permissionOf(ar.hub.db, repo, user), "triage");
    const issue = await createIssue(ar.hub, repo, user, {
      title: field<string>(body, "title", "string", { required: true })!,
      body: changes.body,
      ...(triage
        ? {
          labels: changes.labels,
          assignees: changes.assignees,
          milestone: changes.milestone ?? undefined,
        }
        : {}),
    });
    return json(issueJson(ar.hub, issue), 201);
  });
  r.add("GET", "/repos/:owner/:repo/issues/:number(\\d+)", (ar) => {
    const repo = repoFor(ar);
    return json(issueJson(ar.hub, requireIssue(ar.hub.db, repo.id, Number(ar.params.number))));
  });
  r.add("PATCH", "/repos/:owner/:repo/issues/:number(\\d+)", async (ar) => {
    const repo = repoFor(ar);
    const user = requireUser(ar);
    const issue = requireIssue(ar.hub.db, repo.id, Number(ar.params.number));
    const perm = permissionOf(ar.hub.db, repo, user);
    if (issue.user_id !== user.id && !atLeast(perm, "triage")) {
      throw new GitHubError(403, "Must have triage access to edit this issue.");
    }
    const changes = issueChanges(await readBody(ar));
    if (changes.state === "closed" && issue.is_pull && issue.state === "open") {
      await freezeHeads(ar.hub, issue);
    }
    return json(issueJson(ar.hub, await updateIssue(ar.hub, repo, user, issue, changes)));
  });
}
