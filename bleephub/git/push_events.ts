/** What a push changed, and the consequences GitHub attaches to it: `pushed_at` and webhooks. */
import type { Hub } from "../hub.ts";
import type { RepoRow } from "../store/repos.ts";
import type { UserRow } from "../store/users.ts";
import { now } from "../store/db.ts";
import { emit } from "../webhooks.ts";
import { repoJson, simpleUser } from "../rest/shape_repo.ts";
import { gitDirFor } from "./storage.ts";
import { readCommit, revList } from "./read.ts";
import type { IssueRow } from "../store/issues.ts";
import { issueEvent } from "../issues.ts";

const ZERO = "0".repeat(40);

export interface RefUpdate {
  ref: string;
  before: string;
  after: string;
}

export function refUpdates(before: Map<string, string>, after: Map<string, string>): RefUpdate[] {
  const updates: RefUpdate[] = [];
  for (const ref of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(ref) ?? ZERO;
    const a = after.get(ref) ?? ZERO;
    if (a !== b) updates.push({ ref, before: b, after: a });
  }
  return updates;
}

export async function recordPush(
  hub: Hub,
  repo: RepoRow,
  pusher: UserRow,
  before: Map<string, string>,
  after: Map<string, string>,
): Promise<void> {
  const updates = refUpdates(before, after);
  if (!updates.length) return;
  hub.db.prepare("UPDATE repos SET pushed_at = ? WHERE id = ?").run(now(), repo.id);
  const known = [...new Set(before.values())];
  for (const u of updates) await emitPush(hub, repo, pusher, u, known);
}

/** Fires the `push` webhook for one ref update, with up to 20 commits like GitHub. */
export async function emitPush(
  hub: Hub,
  repo: RepoRow,
  pusher: UserRow,
  u: RefUpdate,
  knownBefore: string[] = [],
) {
  const gitDir = gitDirFor(hub.gitRoot, repo.id);
  const owner = repoJson(hub, repo, pusher);
  const full = owner.full_name as string;
  const shas = u.after === ZERO ? [] : await revList(
    gitDir,
    u.before === ZERO ? [u.after, "--not", ...knownBefore] : [`${u.before}..${u.after}`],
    { limit: 20 },
  );
  const commits = [];
  for (const sha of shas.reverse()) {
    const c = await readCommit(gitDir, sha);
    commits.push({
      id: sha,
      tree_id: c.tree,
      distinct: true,
      message: c.message.trimEnd(),
      timestamp: c.committer.date,
      url: `${hub.origin}/${full}/commit/${sha}`,
      author: { name: c.author.name, email: c.author.email },
      committer: { name: c.committer.name, email: c.committer.email },
      added: [],
      removed: [],
      modified: [],
    });
  }
  emitRefLifecycle(hub, repo, pusher, u);
  emit(hub, repo, "push", {
    ref: u.ref,
    before: u.before,
    after: u.after,
    created: u.before === ZERO,
    deleted: u.after === ZERO,
    forced: false,
    base_ref: null,
    compare: `${hub.origin}/${full}/compare/${u.before.slice(0, 12)}...${u.after.slice(0, 12)}`,
    commits,
    head_commit: commits.at(-1) ?? null,
    repository: owner,
    pusher: { name: pusher.login, email: pusher.email },
    sender: simpleUser(hub, pusher),
  });
}

/**
 * The events GitHub sends beside `push`: `create`/`delete` for branches and tags, and
 * `pull_request` `synchronize` for each open pull request whose head branch moved.
 */
function emitRefLifecycle(hub: Hub, repo: RepoRow, pusher: UserRow, u: RefUpdate): void {
  const m = /^refs\/(heads|tags)\/(.+)$/.exec(u.ref);
  if (!m) return;
  const [, kind, name] = m;
  const common = {
    ref: name,
    ref_type: kind === "heads" ? "branch" : "tag",
    pusher_type: "user",
    repository: repoJson(hub, repo, pusher),
    sender: simpleUser(hub, pusher),
  };
  if (u.before === ZERO) {
    emit(hub, repo, "create", {
      ...common,
      master_branch: repo.default_branch,
      description: repo.description,
    });
  } else if (u.after === ZERO) {
    emit(hub, repo, "delete", common);
  }
  if (kind !== "heads" || u.after === ZERO) return;
  const open = hub.db.prepare(
    "SELECT * FROM issues WHERE repo_id = ? AND is_pull = 1 AND state = 'open' AND head_ref = ?",
  ).all(repo.id, name) as unknown as IssueRow[];
  for (const pr of open) {
    const p = issueEvent(hub, repo, pusher, pr, "synchronize", { before: u.before, after: u.after })
      .catch((e) => console.error("bleephub: synchronize event failed:", e))
      .finally(() => hub.pending.delete(p));
    hub.pending.add(p);
  }
}
