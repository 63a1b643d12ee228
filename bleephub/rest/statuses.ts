/** Commit statuses, the combined status, and check runs. */
import type { Schema } from "./schema.ts";
import type { Router } from "../router.ts";
import type { ApiRequest } from "../hub.ts";
import type { Handler } from "./mod.ts";
import { field, json, paginated, readBody } from "./respond.ts";
import { repoFor, requireUser } from "./guards.ts";
import { repoJson, simpleUser } from "./shape_repo.ts";
import { notFound, validationFailed } from "../errors.ts";
import { now } from "../store/db.ts";
import type { RepoRow } from "../store/repos.ts";
import { userById } from "../store/users.ts";
import { gitDirFor } from "../git/storage.ts";
import { resolveCommit } from "../git/read.ts";
import {
  type CheckRunRow,
  checkRunsFor,
  combinedState,
  latestStatuses,
  type StatusRow,
} from "../git/combined_status.ts";
import { emit } from "../webhooks.ts";

function statusJson(ar: ApiRequest, s: StatusRow): Schema<"status"> {
  return {
    url: `${ar.hub.origin}/api/v3/repos/${ar.params.owner}/${ar.params.repo}/statuses/${s.sha}`,
    id: s.id,
    node_id: `SC_${btoa(String(s.id)).replace(/=+$/, "")}`,
    state: s.state,
    description: s.description,
    target_url: s.target_url,
    context: s.context,
    created_at: s.created_at,
    updated_at: s.created_at,
    creator: simpleUser(ar.hub, userById(ar.hub.db, s.creator_id)!),
    avatar_url: null,
  };
}

function checkRunJson(ar: ApiRequest, c: CheckRunRow): Schema<"check-run"> {
  const output = c.output ? JSON.parse(c.output) : {};
  return {
    id: c.id,
    node_id: `CR_${btoa(String(c.id)).replace(/=+$/, "")}`,
    head_sha: c.head_sha,
    external_id: c.external_id,
    url: `${ar.hub.origin}/api/v3/repos/${ar.params.owner}/${ar.params.repo}/check-runs/${c.id}`,
    details_url: c.details_url,
    status: c.status,
    conclusion: c.conclusion as Schema<"check-run">["conclusion"],
    started_at: c.started_at,
    completed_at: c.completed_at,
    output: {
      title: output.title ?? null,
      summary: output.summary ?? null,
      text: output.text ?? null,
      annotations_count: 0,
      annotations_url:
        `${ar.hub.origin}/api/v3/repos/${ar.params.owner}/${ar.params.repo}/check-runs/${c.id}/annotations`,
    },
    name: c.name,
    pull_requests: [],
    html_url: c.details_url,
    // bleephub has no GitHub Apps or check suites behind its check runs.
    check_suite: null,
    app: null,
  };
}

async function shaFor(ar: ApiRequest, repo: RepoRow, rev: string): Promise<string> {
  const sha = await resolveCommit(gitDirFor(ar.hub.gitRoot, repo.id), rev);
  if (!sha) {
    throw validationFailed({
      resource: "Status",
      field: "sha",
      code: "invalid",
      message: `No commit found for SHA: ${rev}`,
    });
  }
  return sha;
}

const CHECK_STATUS = ["queued", "in_progress", "completed"];
const CONCLUSIONS = [
  "action_required",
  "cancelled",
  "failure",
  "neutral",
  "success",
  "skipped",
  "stale",
  "timed_out",
];

async function writeCheckRun(
  ar: ApiRequest,
  repo: RepoRow,
  existing?: CheckRunRow,
): Promise<CheckRunRow> {
  const body = await readBody(ar);
  const conclusion = field<string>(body, "conclusion", "string") ?? existing?.conclusion ?? null;
  let status = field<string>(body, "status", "string") ??
    (conclusion ? "completed" : existing?.status ?? "queued");
  if (conclusion) status = "completed";
  if (!CHECK_STATUS.includes(status)) {
    throw validationFailed({ resource: "CheckRun", field: "status", code: "invalid" });
  }
  if (conclusion && !CONCLUSIONS.includes(conclusion)) {
    throw validationFailed({ resource: "CheckRun", field: "conclusion", code: "invalid" });
  }
  const output = field<Record<string, unknown>>(body, "output", "object");
  const t = now();
  if (existing) {
    ar.hub.db.prepare(
      "UPDATE check_runs SET name = ?, status = ?, conclusion = ?, details_url = ?, output = ?, completed_at = ? WHERE id = ?",
    ).run(
      field<string>(body, "name", "string") ?? existing.name,
      status,
      conclusion,
      field<string>(body, "details_url", "string") ?? existing.details_url,
      output ? JSON.stringify(output) : existing.output,
      status === "completed" ? (field<string>(body, "completed_at", "string") ?? t) : null,
      existing.id,
    );
    return ar.hub.db.prepare("SELECT * FROM check_runs WHERE id = ?").get(
      existing.id,
    ) as unknown as CheckRunRow;
  }
  const name = field<string>(body, "name", "string", { required: true })!;
  const sha = await shaFor(
    ar,
    repo,
    field<string>(body, "head_sha", "string", { required: true })!,
  );
  const res = ar.hub.db.prepare(
    `INSERT INTO check_runs (repo_id, head_sha, name, status, conclusion, external_id, details_url, output, started_at, completed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    repo.id,
    sha,
    name,
    status,
    conclusion,
    field<string>(body, "external_id", "string") ?? null,
    field<string>(body, "details_url", "string") ?? null,
    output ? JSON.stringify(output) : null,
    field<string>(body, "started_at", "string") ?? t,
    status === "completed" ? t : null,
  );
  return ar.hub.db.prepare("SELECT * FROM check_runs WHERE id = ?").get(
    Number(res.lastInsertRowid),
  ) as unknown as CheckRunRow;
}

export function statusRoutes(r: Router<Handler>): void {
  r.add("POST", "/repos/:owner/:repo/statuses/:sha", async (ar) => {
    const repo = repoFor(ar, "write");
    const user = requireUser(ar);
    const body = await readBody(ar);
    const state = field<string>(body, "state", "string", { required: true })!;
    if (!["error", "failure", "pending", "success"].includes(state)) {
      throw validationFailed({ resource: "Status", field: "state", code: "invalid" });
    }
    const sha = await shaFor(ar, repo, ar.params.sha);
    const res = ar.hub.db.prepare(
      `INSERT INTO statuses (repo_id, sha, state, context, description, target_url, creator_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      repo.id,
      sha,
      state,
      field<string>(body, "context", "string") ?? "default",
      field<string>(body, "description", "string", { nullable: true }) ?? null,
      field<string>(body, "target_url", "string", { nullable: true }) ?? null,
      user.id,
      now(),
    );
    const row = ar.hub.db.prepare("SELECT * FROM statuses WHERE id = ?").get(
      Number(res.lastInsertRowid),
    ) as unknown as StatusRow;
    emit(ar.hub, repo, "status", {
      sha,
      state,
      context: row.context,
      description: row.description,
      target_url: row.target_url,
      repository: repoJson(ar.hub, repo, user),
      sender: simpleUser(ar.hub, user),
    });
    return json(statusJson(ar, row), 201);
  });
  r.add("GET", "/repos/:owner/:repo/commits/:ref+/statuses", async (ar) => {
    const repo = repoFor(ar);
    const sha = await shaFor(ar, repo, ar.params.ref);
    const rows = ar.hub.db.prepare(
      "SELECT * FROM statuses WHERE repo_id = ? AND sha = ? ORDER BY id DESC",
    ).all(repo.id, sha) as unknown as StatusRow[];
    return paginated(ar, rows, (s) => statusJson(ar, s));
  });
  r.add("GET", "/repos/:owner/:repo/commits/:ref+/status", async (ar) => {
    const repo = repoFor(ar);
    const sha = await shaFor(ar, repo, ar.params.ref);
    const statuses = latestStatuses(ar.hub.db, repo.id, sha);
    return json({
      state: combinedState(statuses),
      statuses: statuses.map((s) => statusJson(ar, s)),
      sha,
      total_count: statuses.length,
      repository: repoJson(ar.hub, repo, ar.viewer),
    });
  });
  r.add("POST", "/repos/:owner/:repo/check-runs", async (ar) => {
    const repo = repoFor(ar, "write");
    return json(checkRunJson(ar, await writeCheckRun(ar, repo)), 201);
  });
  r.add("PATCH", "/repos/:owner/:repo/check-runs/:id(\\d+)", async (ar) => {
    const repo = repoFor(ar, "write");
    const existing = ar.hub.db.prepare("SELECT * FROM check_runs WHERE id = ? AND repo_id = ?").get(
      Number(ar.params.id),
      repo.id,
    ) as CheckRunRow | undefined;
    if (!existing) throw notFound();
    return json(checkRunJson(ar, await writeCheckRun(ar, repo, existing)));
  });
  r.add("GET", "/repos/:owner/:repo/check-runs/:id(\\d+)", (ar) => {
    const repo = repoFor(ar);
    const row = ar.hub.db.prepare("SELECT * FROM check_runs WHERE id = ? AND repo_id = ?").get(
      Number(ar.params.id),
      repo.id,
    ) as CheckRunRow | undefined;
    if (!row) throw notFound();
    return json(checkRunJson(ar, row));
  });
  r.add("GET", "/repos/:owner/:repo/commits/:ref+/check-runs", async (ar) => {
    const repo = repoFor(ar);
    const runs = checkRunsFor(ar.hub.db, repo.id, await shaFor(ar, repo, ar.params.ref));
    return json({ total_count: runs.length, check_runs: runs.map((c) => checkRunJson(ar, c)) });
  });
}
