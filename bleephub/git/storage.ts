/**
 * Bare repositories on disk, one per repository row, named by the row id so renames and
 * transfers never move files. Each carries a pre-receive hook that enforces branch protection.
 */
import { git } from "./exec.ts";

export function gitDirFor(gitRoot: string, repoId: number): string {
  return `${gitRoot}/${repoId}.git`;
}

/**
 * Rejects updates to protected branches with GitHub's own wording. The protected refs arrive in
 * the environment from the server, so protection changes need no hook rewrite.
 */
const PRE_RECEIVE = `#!/bin/sh
status=0
while read old new ref; do
  for protected in $BLEEPHUB_PROTECTED_REFS; do
    if [ "$ref" = "$protected" ]; then
      echo "error: GH006: Protected branch update failed for $ref." >&2
      echo "error: Changes must be made through a pull request." >&2
      status=1
    fi
  done
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
  await Deno.writeTextFile(`${gitDir}/hooks/pre-receive`, PRE_RECEIVE, { mode: 0o755 });
}

export async function removeBareRepo(gitDir: string): Promise<void> {
  await Deno.remove(gitDir, { recursive: true }).catch((e) => {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  });
}
