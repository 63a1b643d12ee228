/**
 * GitHub search syntax over our tables: qualifiers (`repo:`, `is:`, `state:`, `author:`,
 * `assignee:`, `label:`, `user:`, `org:`, `in:`) plus free text matched against titles and
 * bodies (issues) or names and descriptions (repositories). Results respect visibility.
 */
import type { Hub } from "./hub.ts";
import type { UserRow } from "./store/users.ts";
import { userByLogin } from "./store/users.ts";
import { permissionOf, repoByName, type RepoRow } from "./store/repos.ts";
import { assigneesOf, type IssueRow, labelsOf } from "./store/issues.ts";
import { GitHubError } from "./errors.ts";

export interface SearchQuery {
  terms: string[];
  qualifiers: [string, string][];
}

export function parseSearch(q: string): SearchQuery {
  const terms: string[] = [];
  const qualifiers: [string, string][] = [];
  for (const m of q.matchAll(/(-?[a-z-]+):("[^"]*"|\S+)|"([^"]*)"|(\S+)/gi)) {
    if (m[1]) qualifiers.push([m[1].toLowerCase(), m[2].replace(/^"|"$/g, "")]);
    else terms.push((m[3] ?? m[4]).toLowerCase());
  }
  return { terms, qualifiers };
}

function textMatches(terms: string[], ...fields: (string | null)[]): boolean {
  const hay = fields.join("\n").toLowerCase();
  return terms.every((t) => hay.includes(t));
}

function ownerMatches(hub: Hub, repo: RepoRow, login: string): boolean {
  const owner = userByLogin(hub.db, login);
  return owner !== undefined && owner.id === repo.owner_id;
}

export function searchIssues(hub: Hub, viewer: UserRow | null, q: string): IssueRow[] {
  if (!q.trim()) {
    throw new GitHubError(422, "Validation Failed", [
      { resource: "Search", field: "q", code: "missing" },
    ]);
  }
  const { terms, qualifiers } = parseSearch(q);
  const repos = (hub.db.prepare("SELECT * FROM repos").all() as unknown as RepoRow[])
    .filter((r) => permissionOf(hub.db, r, viewer) !== "none");
  const byId = new Map(repos.map((r) => [r.id, r]));
  const rows = (hub.db.prepare("SELECT * FROM issues ORDER BY created_at DESC, id DESC")
    .all() as unknown as IssueRow[])
    .filter((i) => byId.has(i.repo_id));
  return rows.filter((i) => {
    const repo = byId.get(i.repo_id)!;
    for (const [key, value] of qualifiers) {
      const v = value.toLowerCase();
      const ok = (() => {
        switch (key) {
          case "repo": {
            const [o, n] = value.split("/");
            return repoByName(hub.db, o, n)?.id === repo.id;
          }
          case "user":
          case "org":
            return ownerMatches(hub, repo, value);
          case "is":
          case "type":
            if (v === "issue") return i.is_pull === 0;
            if (v === "pr" || v === "pull-request") return i.is_pull === 1;
            if (v === "open" || v === "closed") return i.state === v;
            if (v === "merged") return i.merged_at !== null;
            if (v === "unmerged") return i.is_pull === 1 && i.merged_at === null;
            if (v === "draft") return i.draft === 1;
            if (v === "locked") return i.locked === 1;
            if (v === "unlocked") return i.locked === 0;
            if (v === "public" || v === "private") {
              return (repo.private === 1) === (v === "private");
            }
            return false;
          case "state":
            return i.state === v;
          case "author":
            return userByLogin(hub.db, value)?.id === i.user_id;
          case "assignee":
            return assigneesOf(hub.db, i.id).includes(userByLogin(hub.db, value)?.id ?? -1);
          case "no":
            if (v === "assignee") return assigneesOf(hub.db, i.id).length === 0;
            if (v === "label") return labelsOf(hub.db, i.id).length === 0;
            if (v === "milestone") return i.milestone_id === null;
            return false;
          case "label":
            return labelsOf(hub.db, i.id).some((l) => l.name.toLowerCase() === v);
          case "-label":
            return !labelsOf(hub.db, i.id).some((l) => l.name.toLowerCase() === v);
          case "head":
            return i.head_ref === value;
          case "base":
            return i.base_ref === value;
          case "in":
          case "sort":
          case "archived":
            return true;
          default:
            return false;
        }
      })();
      if (!ok) return false;
    }
    const inTitleOnly = qualifiers.some(([k, v]) => k === "in" && v === "title");
    return textMatches(terms, i.title, inTitleOnly ? null : i.body);
  });
}

export function searchRepos(hub: Hub, viewer: UserRow | null, q: string): RepoRow[] {
  const { terms, qualifiers } = parseSearch(q);
  return (hub.db.prepare("SELECT * FROM repos ORDER BY id DESC").all() as unknown as RepoRow[])
    .filter((r) => permissionOf(hub.db, r, viewer) !== "none")
    .filter((r) =>
      qualifiers.every(([key, value]) => {
        switch (key) {
          case "user":
          case "org":
            return ownerMatches(hub, r, value);
          case "repo": {
            const [o, n] = value.split("/");
            return repoByName(hub.db, o, n)?.id === r.id;
          }
          case "is":
            return (value === "private") === (r.private === 1);
          case "archived":
            return (value === "true") === (r.archived === 1);
          case "fork":
          case "in":
          case "sort":
            return true;
          default:
            return false;
        }
      }) && textMatches(terms, r.name, r.description)
    );
}
