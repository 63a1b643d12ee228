/**
 * Branch protection as GitHub applies it to pushes: with required reviews a branch only moves
 * through pull requests; without, it still refuses force pushes and deletion unless allowed.
 * Admins bypass the rules unless `enforce_admins` is set.
 */
import type { Db } from "./db.ts";

export interface Protection {
  repo_id: number;
  branch: string;
  required_reviews: number | null;
  enforce_admins: number;
  allow_force_pushes: number;
  allow_deletions: number;
}

export function protectionOf(db: Db, repoId: number, branch: string): Protection | undefined {
  return db.prepare("SELECT * FROM protected_branches WHERE repo_id = ? AND branch = ?")
    .get(repoId, branch) as Protection | undefined;
}

export function protections(db: Db, repoId: number): Protection[] {
  return db.prepare("SELECT * FROM protected_branches WHERE repo_id = ? ORDER BY branch")
    .all(repoId) as unknown as Protection[];
}

export function setProtection(db: Db, p: Protection): void {
  db.prepare(
    `INSERT INTO protected_branches (repo_id, branch, required_reviews, enforce_admins,
       allow_force_pushes, allow_deletions) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (repo_id, branch) DO UPDATE SET required_reviews = excluded.required_reviews,
       enforce_admins = excluded.enforce_admins, allow_force_pushes = excluded.allow_force_pushes,
       allow_deletions = excluded.allow_deletions`,
  ).run(
    p.repo_id,
    p.branch,
    p.required_reviews,
    p.enforce_admins,
    p.allow_force_pushes,
    p.allow_deletions,
  );
}

export function removeProtection(db: Db, repoId: number, branch: string): boolean {
  return db.prepare("DELETE FROM protected_branches WHERE repo_id = ? AND branch = ?")
    .run(repoId, branch).changes > 0;
}

/** Whether the rules stop `isAdmin` from moving the branch other than through a pull request. */
export function blocksDirectUpdates(p: Protection | undefined, isAdmin: boolean): boolean {
  return !!p && p.required_reviews !== null && (!isAdmin || p.enforce_admins === 1);
}

/**
 * The pre-receive hook's inputs: refs that only move through pull requests, and refs that
 * refuse force pushes (and deletions) for this pusher.
 */
export function hookRules(db: Db, repoId: number, isAdmin: boolean) {
  const applies = (p: Protection) => !isAdmin || p.enforce_admins === 1;
  const all = protections(db, repoId).filter(applies);
  return {
    pullRequestOnly: all.filter((p) => p.required_reviews !== null).map((p) =>
      `refs/heads/${p.branch}`
    ),
    noForcePush: all.filter((p) => !p.allow_force_pushes).map((p) => `refs/heads/${p.branch}`),
    noDeletion: all.filter((p) => !p.allow_deletions).map((p) => `refs/heads/${p.branch}`),
  };
}
