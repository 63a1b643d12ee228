/**
 * Bare repositories on disk, one per repository row, named by the row id so renames and
 * transfers never move files. Each carries a pre-receive hook that enforces branch protection.
 */
import { git } from "./exec.ts";

export function gitDirFor(gitRoot: string, repoId: number): string {
  return `${gitRoot}/${repoId}.git`;
}

/**
 * Enforces branch protection with GitHub's own wording. The rules arrive in the environment from
 * the server for this pusher, so protection changes need no hook rewrite.
 */
const PRE_RECEIVE = `#!/bin/sh
zero=0000000000000000000000000000000000000000
status=0
has() { for r in $1; do [ "$r" = "$2" ] && return 0; done; return 1; }
while read old new ref; do
  if has "$BLEEPHUB_PR_ONLY_REFS" "$ref"; then
    echo "error: GH006: Protected branch update failed for $ref." >&2
    echo "error: Changes must be made through a pull request." >&2
    status=1
  elif [ "$new" = "$zero" ] && has "$BLEEPHUB_NO_DELETE_REFS" "$ref"; then
    echo "error: GH006: Protected branch update failed for $ref." >&2
    echo "error: Cannot delete this protected branch." >&2
    status=1
  elif [ "$old" != "$zero" ] && [ "$new" != "$zero" ] && has "$BLEEPHUB_NO_FORCE_REFS" "$ref" &&
    ! git merge-base --is-ancestor "$old" "$new"; then
    echo "error: GH006: Protected branch update failed for $ref." >&2
    echo "error: Cannot force-push to this protected branch." >&2
    status=1
  fi
done
exit $status
`;

export async function initBareRepo(gitDir: string, defaultBranch: string): Promise<void> {
  await Deno.mkdir(gitDir, { recursive: true });
  await git(gitDir, ["init", "--bare", "--quiet", `--initial-branch=${defaultBranch}`]);
  // http-backend refuses receive-pack unless enabled or REMOTE_USER is set; we always
  // authenticate first, so enabling it in the repo config is safe.
  await git(gitDir, ["config", "http.receivepack", "true"]);
  await git(gitDir, ["config", "uploadpack.allowAnySHA1InWant", "true"]);
  await installHooks(gitDir);
}

export async function removeBareRepo(gitDir: string): Promise<void> {
  await Deno.remove(gitDir, { recursive: true }).catch((e) => {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  });
}

/** (Re)writes the hooks, also at startup so repositories follow the current rules. */
export async function installHooks(gitDir: string): Promise<void> {
  await Deno.writeTextFile(`${gitDir}/hooks/pre-receive`, PRE_RECEIVE, { mode: 0o755 });
}
