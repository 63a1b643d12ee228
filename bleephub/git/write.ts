/**
 * Creates commits in a bare repository without a work tree: blobs, a temporary index, a tree,
 * a commit, then a compare-and-swap ref update so concurrent pushes are never overwritten.
 */
import { git, gitRaw } from "./exec.ts";
import { readCommit, revList } from "./read.ts";

export interface Identity {
  name: string;
  email: string;
  date?: string;
}

export interface FileEdit {
  path: string;
  /** New content, or null to delete the file. */
  content: Uint8Array | null;
}

function identityEnv(author: Identity, committer: Identity = author): Record<string, string> {
  const env: Record<string, string> = {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: committer.name,
    GIT_COMMITTER_EMAIL: committer.email,
  };
  if (author.date) env.GIT_AUTHOR_DATE = author.date;
  if (committer.date) env.GIT_COMMITTER_DATE = committer.date;
  return env;
}

/** Writes a tree that is `parent`'s tree with `edits` applied. */
export async function treeWithEdits(
  gitDir: string,
  parent: string | undefined,
  edits: FileEdit[],
): Promise<string> {
  const index = await Deno.makeTempFile({ prefix: "bleephub-index-" });
  await Deno.remove(index);
  const env = { GIT_INDEX_FILE: index };
  try {
    if (parent) await git(gitDir, ["read-tree", parent], { env });
    for (const edit of edits) {
      if (edit.content === null) {
        await git(gitDir, ["update-index", "--force-remove", "--", edit.path], { env });
      } else {
        const blob = await git(gitDir, ["hash-object", "-w", "--stdin"], { stdin: edit.content });
        await git(gitDir, ["update-index", "--add", "--cacheinfo", `100644,${blob},${edit.path}`], {
          env,
        });
      }
    }
    return await git(gitDir, ["write-tree"], { env });
  } finally {
    await Deno.remove(index).catch(() => {});
  }
}

export async function commitTree(
  gitDir: string,
  tree: string,
  parents: string[],
  message: string,
  author: Identity,
  committer?: Identity,
): Promise<string> {
  const args = ["commit-tree", tree, ...parents.flatMap((p) => ["-p", p])];
  return await git(gitDir, args, { stdin: message, env: identityEnv(author, committer) });
}

/** Moves `ref` from `expected` (undefined: must not exist) to `sha`; false if it moved meanwhile. */
export async function updateRef(
  gitDir: string,
  ref: string,
  sha: string,
  expected: string | undefined,
): Promise<boolean> {
  const old = expected ?? "0".repeat(40);
  const { code } = await gitRaw(gitDir, ["update-ref", ref, sha, old], { okCodes: [1, 128] });
  return code === 0;
}

export async function deleteRef(gitDir: string, ref: string): Promise<void> {
  await git(gitDir, ["update-ref", "-d", ref]);
}

/** Three-way merges `theirs` into `ours`: the merged tree, or undefined on conflict. */
export async function mergeTrees(
  gitDir: string,
  ours: string,
  theirs: string,
): Promise<string | undefined> {
  const { stdout, code } = await gitRaw(
    gitDir,
    ["merge-tree", "--write-tree", "--no-messages", ours, theirs],
    { okCodes: [1] },
  );
  if (code !== 0) return undefined;
  return new TextDecoder().decode(stdout).split("\n")[0].trim();
}

/**
 * Replays `base..head` onto `onto` one commit at a time, keeping authors, the way GitHub's
 * "rebase and merge" does. Only linear histories are supported; a merge commit in the range or
 * a conflicting step returns undefined so the caller answers "cannot be rebased".
 */
export async function rebaseCommits(
  gitDir: string,
  onto: string,
  base: string,
  head: string,
  committer: Identity,
): Promise<string | undefined> {
  let tip = onto;
  for (const sha of await revList(gitDir, [`${base}..${head}`], { reverse: true })) {
    const c = await readCommit(gitDir, sha);
    if (c.parents.length !== 1) return undefined;
    const { stdout, code } = await gitRaw(
      gitDir,
      ["merge-tree", "--write-tree", "--no-messages", tip, sha],
      { okCodes: [1] },
    );
    if (code !== 0) return undefined;
    const tree = new TextDecoder().decode(stdout).split("\n")[0].trim();
    tip = await commitTree(gitDir, tree, [tip], c.message, {
      name: c.author.name,
      email: c.author.email,
      date: c.author.date,
    }, committer);
  }
  return tip;
}
