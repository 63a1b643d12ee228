/** The combined state of a commit's statuses and check runs, as GitHub computes it. */
import type { Db } from "../store/db.ts";

export interface StatusRow {
  id: number;
  repo_id: number;
  sha: string;
  state: "error" | "failure" | "pending" | "success";
  context: string;
  description: string | null;
  target_url: string | null;
  creator_id: number;
  created_at: string;
}

export interface CheckRunRow {
  id: number;
  repo_id: number;
  head_sha: string;
  name: string;
  status: "queued" | "in_progress" | "completed";
  conclusion: string | null;
  external_id: string | null;
  details_url: string | null;
  output: string | null;
  started_at: string | null;
  completed_at: string | null;
}

/** The newest status per context, newest first. */
export function latestStatuses(db: Db, repoId: number, sha: string): StatusRow[] {
  const rows = db.prepare("SELECT * FROM statuses WHERE repo_id = ? AND sha = ? ORDER BY id DESC")
    .all(repoId, sha) as unknown as StatusRow[];
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.context) && seen.add(r.context));
}

export function checkRunsFor(db: Db, repoId: number, sha: string): CheckRunRow[] {
  return db.prepare("SELECT * FROM check_runs WHERE repo_id = ? AND head_sha = ? ORDER BY id")
    .all(repoId, sha) as unknown as CheckRunRow[];
}

/** failure/error beats pending beats success; no statuses at all is "pending" like GitHub. */
export function combinedState(statuses: StatusRow[]): StatusRow["state"] {
  if (statuses.some((s) => s.state === "failure" || s.state === "error")) return "failure";
  if (statuses.length === 0 || statuses.some((s) => s.state === "pending")) return "pending";
  return "success";
}

const FAILING = ["failure", "timed_out", "cancelled", "action_required", "startup_failure"];

/** The rollup over statuses and check runs used by GraphQL's `statusCheckRollup`. */
export function rollupState(statuses: StatusRow[], runs: CheckRunRow[]): string | null {
  if (!statuses.length && !runs.length) return null;
  if (
    statuses.some((s) => s.state === "failure" || s.state === "error") ||
    runs.some((r) => FAILING.includes(r.conclusion ?? ""))
  ) return "FAILURE";
  if (statuses.some((s) => s.state === "pending") || runs.some((r) => r.status !== "completed")) {
    return "PENDING";
  }
  return "SUCCESS";
}
