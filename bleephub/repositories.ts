/**
 * Creating and deleting a repository touches both the database row and the bare git
 * repository on disk; these functions keep the two in step for REST and GraphQL alike.
 */
import type { Hub } from "./hub.ts";
import { transaction } from "./store/db.ts";
import { deleteRepoRows, insertRepo, type NewRepo, type RepoRow } from "./store/repos.ts";
import type { UserRow } from "./store/users.ts";
import { gitDirFor, initBareRepo, removeBareRepo } from "./git/storage.ts";
import { commitTree, treeWithEdits, updateRef } from "./git/write.ts";
import { emit } from "./webhooks.ts";
import { repoJson, simpleUser } from "./rest/shape_repo.ts";

export async function createRepository(
  hub: Hub,
  creator: UserRow,
  owner: UserRow,
  input: NewRepo & { auto_init?: boolean },
): Promise<RepoRow> {
  const repo = transaction(hub.db, () => insertRepo(hub.db, owner, input));
  const gitDir = gitDirFor(hub.gitRoot, repo.id);
  try {
    await initBareRepo(gitDir, repo.default_branch);
    if (input.auto_init) {
      const readme = `# ${repo.name}\n${repo.description ? `\n${repo.description}\n` : ""}`;
      const tree = await treeWithEdits(gitDir, undefined, [
        { path: "README.md", content: new TextEncoder().encode(readme) },
      ]);
      const who = {
        name: creator.name ?? creator.login,
        email: creator.email ?? `${creator.login}@users.noreply.bleephub`,
      };
      const sha = await commitTree(gitDir, tree, [], "Initial commit\n", who);
      await updateRef(gitDir, `refs/heads/${repo.default_branch}`, sha, undefined);
      hub.db.prepare("UPDATE repos SET pushed_at = updated_at WHERE id = ?").run(repo.id);
    }
  } catch (e) {
    // Without its git directory the row would be a broken repository: undo it.
    transaction(hub.db, () => deleteRepoRows(hub.db, repo));
    await removeBareRepo(gitDir);
    throw e;
  }
  emit(hub, repo, "repository", {
    action: "created",
    repository: repoJson(hub, repo, creator),
    sender: simpleUser(hub, creator),
  });
  return repo;
}

export async function deleteRepository(hub: Hub, repo: RepoRow, actor: UserRow): Promise<void> {
  const payload = {
    action: "deleted",
    repository: repoJson(hub, repo, actor),
    sender: simpleUser(hub, actor),
  };
  emit(hub, repo, "repository", payload);
  transaction(hub.db, () => deleteRepoRows(hub.db, repo));
  await removeBareRepo(gitDirFor(hub.gitRoot, repo.id));
}
