/** GitHub's JSON shapes for issues, labels, milestones and issue comments. */
import type { Schema } from "./schema.ts";
import { apiBase, type Hub } from "../hub.ts";
import { userById } from "../store/users.ts";
import { repoById } from "../store/repos.ts";
import {
  assigneesOf,
  type CommentRow,
  issueById,
  type IssueRow,
  type LabelRow,
  labelsOf,
  milestoneById,
  type MilestoneRow,
} from "../store/issues.ts";
import { nodeId } from "../graphql/node_id.ts";
import { simpleUser } from "./shape_repo.ts";

export function repoPath(hub: Hub, repoId: number): string {
  const repo = repoById(hub.db, repoId)!;
  return `${userById(hub.db, repo.owner_id)!.login}/${repo.name}`;
}

export function labelJson(hub: Hub, l: LabelRow): Schema<"label"> {
  return {
    id: l.id,
    node_id: nodeId("Label", l.id),
    url: `${apiBase(hub)}/repos/${repoPath(hub, l.repo_id)}/labels/${encodeURIComponent(l.name)}`,
    name: l.name,
    color: l.color,
    default: false,
    description: l.description,
  };
}

export function milestoneJson(hub: Hub, m: MilestoneRow): Schema<"milestone"> {
  const path = repoPath(hub, m.repo_id);
  const counts = hub.db.prepare(
    `SELECT sum(state = 'open') open, sum(state = 'closed') closed FROM issues
     WHERE milestone_id = ?`,
  ).get(m.id) as { open: number | null; closed: number | null };
  return {
    url: `${apiBase(hub)}/repos/${path}/milestones/${m.number}`,
    html_url: `${hub.origin}/${path}/milestone/${m.number}`,
    labels_url: `${apiBase(hub)}/repos/${path}/milestones/${m.number}/labels`,
    id: m.id,
    node_id: nodeId("Milestone", m.id),
    number: m.number,
    state: m.state,
    title: m.title,
    description: m.description,
    creator: simpleUser(hub, userById(hub.db, m.creator_id)!),
    open_issues: counts.open ?? 0,
    closed_issues: counts.closed ?? 0,
    created_at: m.created_at,
    updated_at: m.updated_at,
    closed_at: m.closed_at,
    due_on: m.due_on,
  };
}

export function issueJson(hub: Hub, i: IssueRow): Schema<"issue"> {
  const path = repoPath(hub, i.repo_id);
  const api = `${apiBase(hub)}/repos/${path}`;
  const url = `${api}/issues/${i.number}`;
  const assignees = assigneesOf(hub.db, i.id).map((id) => simpleUser(hub, userById(hub.db, id)!));
  const comments = hub.db.prepare("SELECT count(*) n FROM comments WHERE issue_id = ?")
    .get(i.id) as { n: number };
  const milestone = i.milestone_id ? milestoneById(hub.db, i.milestone_id) : undefined;
  return {
    id: i.id,
    node_id: nodeId(i.is_pull ? "PullRequest" : "Issue", i.id),
    url,
    repository_url: api,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${hub.origin}/${path}/${i.is_pull ? "pull" : "issues"}/${i.number}`,
    number: i.number,
    state: i.state,
    state_reason: i.state_reason as Schema<"issue">["state_reason"],
    title: i.title,
    body: i.body,
    user: simpleUser(hub, userById(hub.db, i.user_id)!),
    labels: labelsOf(hub.db, i.id).map((l) => labelJson(hub, l)),
    assignee: assignees[0] ?? null,
    assignees,
    milestone: milestone ? milestoneJson(hub, milestone) : null,
    locked: i.locked === 1,
    active_lock_reason: i.lock_reason,
    comments: comments.n,
    closed_at: i.closed_at,
    created_at: i.created_at,
    updated_at: i.updated_at,
    closed_by: null,
    author_association: "OWNER",
    ...(i.is_pull
      ? {
        pull_request: {
          url: `${api}/pulls/${i.number}`,
          html_url: `${hub.origin}/${path}/pull/${i.number}`,
          diff_url: `${hub.origin}/${path}/pull/${i.number}.diff`,
          patch_url: `${hub.origin}/${path}/pull/${i.number}.patch`,
          merged_at: i.merged_at,
        },
        draft: i.draft === 1,
      }
      : {}),
  };
}

export function commentJson(hub: Hub, c: CommentRow): Schema<"issue-comment"> {
  const issue = issueById(hub.db, c.issue_id)!;
  const path = repoPath(hub, issue.repo_id);
  return {
    id: c.id,
    node_id: nodeId("IssueComment", c.id),
    url: `${apiBase(hub)}/repos/${path}/issues/comments/${c.id}`,
    html_url: `${hub.origin}/${path}/${issue.is_pull ? "pull" : "issues"}/${issue.number}` +
      `#issuecomment-${c.id}`,
    issue_url: `${apiBase(hub)}/repos/${path}/issues/${issue.number}`,
    body: c.body,
    user: simpleUser(hub, userById(hub.db, c.user_id)!),
    created_at: c.created_at,
    updated_at: c.updated_at,
    author_association: "OWNER",
  };
}
