/** The low-level git database API: refs, commits, trees and blobs. */
import type { Router } from "../router.ts";
import type { ApiRequest } from "../hub.ts";
import type { Handler } from "./mod.ts";
import { field, json, noContent, paginated, readBody } from "./respond.ts";
import { repoFor, requireUser } from "./guards.ts";
import { GitHubError, notFound, validationFailed } from "../errors.ts";
import { git, gitRaw } from "../git/exec.ts";
import { lsTree, mergeBase, readBlob, readCommit, refs, resolveCommit } from "../git/read.ts";
import { commitTree, deleteRef, updateRef } from "../git/write.ts";
import { emitPush } from "../git/push_events.ts";
import { commitJson, refJson } from "./shape_git.ts";

const ZERO = "0".repeat(40);
/** A full object id: the only user input passed to git as a revision here. */
const OBJECT_ID = /^[0-9a-f]{40}$/;
import { commitOr404, gitDirOf } from "./git_data.ts";
import { checkRefUpdate } from "./branch_protection.ts";

export function gitDatabaseRoutes(r: Router<Handler>): void {
  // The git database.
  const listRefs = async (ar: ApiRequest, prefix: string, exact: boolean) => {
    const repo = repoFor(ar);
    const all = await refs(gitDirOf(ar, repo));
    const rows = [...all].filter(([name]) => exact ? name === prefix : name.startsWith(prefix));
    return { repo, rows };
  };
  r.add("GET", "/repos/:owner/:repo/git/refs", async (ar) => {
    const { repo, rows } = await listRefs(ar, "refs/", false);
    if ((await refs(gitDirOf(ar, repo))).size === 0) {
      throw new GitHubError(409, "Git Repository is empty.");
    }
    return paginated(ar, rows, ([name, sha]) => refJson(ar.hub, repo, name, sha));
  });
  r.add("GET", "/repos/:owner/:repo/git/matching-refs/:ref+", async (ar) => {
    const { repo, rows } = await listRefs(ar, `refs/${ar.params.ref}`, false);
    return json(rows.map(([name, sha]) => refJson(ar.hub, repo, name, sha)));
  });
  for (const path of ["/repos/:owner/:repo/git/ref/:ref+", "/repos/:owner/:repo/git/refs/:ref+"]) {
    r.add("GET", path, async (ar) => {
      const { repo, rows } = await listRefs(ar, `refs/${ar.params.ref}`, true);
      if (!rows.length) throw notFound();
      return json(refJson(ar.hub, repo, rows[0][0], rows[0][1]));
    });
  }
  r.add("POST", "/repos/:owner/:repo/git/refs", async (ar) => {
    const repo = repoFor(ar, "write");
    const body = await readBody(ar);
    const ref = field<string>(body, "ref", "string", { required: true })!;
    const sha = field<string>(body, "sha", "string", { required: true })!;
    if (!/^refs\/[^\s]+$/.test(ref) || ref.split("/").length < 3) {
      throw new GitHubError(422, "Reference name is not valid");
    }
    const gitDir = gitDirOf(ar, repo);
    const target = await commitOr404(gitDir, sha);
    if (!(await updateRef(gitDir, ref, target, undefined))) {
      throw new GitHubError(422, "Reference already exists");
    }
    await emitPush(ar.hub, repo, requireUser(ar), { ref, before: ZERO, after: target });
    return json(refJson(ar.hub, repo, ref, target), 201);
  });
  r.add("PATCH", "/repos/:owner/:repo/git/refs/:ref+", async (ar) => {
    const repo = repoFor(ar, "write");
    const body = await readBody(ar);
    const sha = field<string>(body, "sha", "string", { required: true })!;
    const force = field<boolean>(body, "force", "boolean") ?? false;
    const gitDir = gitDirOf(ar, repo);
    const ref = `refs/${ar.params.ref}`;
    const old = await resolveCommit(gitDir, ref);
    if (!old) throw new GitHubError(422, "Reference does not exist");
    const target = await commitOr404(gitDir, sha);
    if (ref.startsWith("refs/heads/")) checkRefUpdate(ar, repo, ref.slice(11), false);
    if (!force && (await mergeBase(gitDir, old, target)) !== old) {
      throw new GitHubError(422, "Update is not a fast forward");
    }
    if (!(await updateRef(gitDir, ref, target, old))) {
      throw new GitHubError(409, "Reference was updated concurrently");
    }
    await emitPush(ar.hub, repo, requireUser(ar), { ref, before: old, after: target });
    return json(refJson(ar.hub, repo, ref, target));
  });
  r.add("DELETE", "/repos/:owner/:repo/git/refs/:ref+", async (ar) => {
    const repo = repoFor(ar, "write");
    const gitDir = gitDirOf(ar, repo);
    const ref = `refs/${ar.params.ref}`;
    const old = await resolveCommit(gitDir, ref);
    if (!old) throw new GitHubError(422, "Reference does not exist");
    if (ref.startsWith("refs/heads/")) checkRefUpdate(ar, repo, ref.slice(11), true);
    await deleteRef(gitDir, ref);
    await emitPush(ar.hub, repo, requireUser(ar), { ref, before: old, after: ZERO });
    return noContent();
  });
  r.add("GET", "/repos/:owner/:repo/git/commits/:sha", async (ar) => {
    const repo = repoFor(ar);
    const gitDir = gitDirOf(ar, repo);
    const sha = await resolveCommit(gitDir, ar.params.sha);
    if (!sha || !/^[0-9a-f]{4,40}$/.test(ar.params.sha)) throw notFound();
    return json(commitJson(ar.hub, repo, await readCommit(gitDir, sha)));
  });
  r.add("POST", "/repos/:owner/:repo/git/commits", async (ar) => {
    const repo = repoFor(ar, "write");
    const user = requireUser(ar);
    const body = await readBody(ar);
    const message = field<string>(body, "message", "string", { required: true })!;
    const tree = field<string>(body, "tree", "string", { required: true })!;
    const parents = field<string[]>(body, "parents", "array") ?? [];
    const author = field<{ name: string; email: string; date?: string }>(body, "author", "object");
    if (![tree, ...parents].every((x) => typeof x === "string" && OBJECT_ID.test(x))) {
      throw validationFailed({ resource: "Commit", field: "tree", code: "invalid" });
    }
    const gitDir = gitDirOf(ar, repo);
    const who = author ??
      {
        name: user.name ?? user.login,
        email: user.email ?? `${user.login}@users.noreply.bleephub`,
      };
    let sha: string;
    try {
      sha = await commitTree(gitDir, tree, parents, message, who);
    } catch {
      throw validationFailed({ resource: "Commit", field: "tree", code: "invalid" });
    }
    return json(commitJson(ar.hub, repo, await readCommit(gitDir, sha)), 201);
  });
  r.add("GET", "/repos/:owner/:repo/git/trees/:sha", async (ar) => {
    const repo = repoFor(ar);
    const gitDir = gitDirOf(ar, repo);
    // Only object names reach git's argument list, never something that looks like an option.
    if (!/^[0-9a-f]{4,40}$/.test(ar.params.sha)) throw notFound();
    const recursive = ar.url.searchParams.has("recursive");
    const { stdout, code } = await gitRaw(gitDir, [
      "ls-tree",
      "-l",
      "-z",
      ...(recursive ? ["-r", "-t"] : []),
      ar.params.sha,
    ], { okCodes: [128] });
    if (code !== 0) throw notFound();
    const api = `${ar.hub.origin}/api/v3/repos/${ar.params.owner}/${ar.params.repo}`;
    const tree = new TextDecoder().decode(stdout).split("\0").filter(Boolean).map((line) => {
      const tab = line.indexOf("\t");
      const [mode, type, sha, size] = line.slice(0, tab).split(/\s+/);
      return {
        path: line.slice(tab + 1),
        mode,
        type,
        sha,
        ...(type === "blob" ? { size: Number(size) } : {}),
        url: `${api}/git/${type}s/${sha}`,
      };
    });
    const sha = await git(gitDir, ["rev-parse", `${ar.params.sha}^{tree}`]);
    return json({ sha, url: `${api}/git/trees/${sha}`, tree, truncated: false });
  });
  r.add("GET", "/repos/:owner/:repo/git/blobs/:sha", async (ar) => {
    const repo = repoFor(ar);
    const gitDir = gitDirOf(ar, repo);
    if (!/^[0-9a-f]{40}$/.test(ar.params.sha)) throw notFound();
    const { code } = await gitRaw(gitDir, ["cat-file", "-e", `${ar.params.sha}^{blob}`], {
      okCodes: [1, 128],
    });
    if (code !== 0) throw notFound();
    const bytes = await readBlob(gitDir, ar.params.sha);
    let s = "";
    for (let i = 0; i < bytes.length; i += 0x8000) {
      s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    return json({
      sha: ar.params.sha,
      node_id: `B_${ar.params.sha}`,
      size: bytes.length,
      url: ar.url.href,
      content: btoa(s),
      encoding: "base64",
    });
  });
  r.add("POST", "/repos/:owner/:repo/git/blobs", async (ar) => {
    const repo = repoFor(ar, "write");
    const body = await readBody(ar);
    const content = field<string>(body, "content", "string", { required: true })!;
    const encoding = field<string>(body, "encoding", "string") ?? "utf-8";
    let bytes: Uint8Array;
    if (encoding === "base64") {
      try {
        bytes = Uint8Array.from(atob(content.replace(/\s/g, "")), (c) => c.charCodeAt(0));
      } catch {
        throw validationFailed({ resource: "Blob", field: "content", code: "invalid" });
      }
    } else if (encoding === "utf-8") bytes = new TextEncoder().encode(content);
    else throw validationFailed({ resource: "Blob", field: "encoding", code: "invalid" });
    const sha = await git(gitDirOf(ar, repo), ["hash-object", "-w", "--stdin"], { stdin: bytes });
    return json({
      sha,
      url: `${ar.hub.origin}/api/v3/repos/${ar.params.owner}/${ar.params.repo}/git/blobs/${sha}`,
    }, 201);
  });
  r.add("POST", "/repos/:owner/:repo/git/trees", async (ar) => {
    const repo = repoFor(ar, "write");
    const body = await readBody(ar);
    const entries = field<
      { path: string; mode: string; type: string; sha?: string | null; content?: string }[]
    >(body, "tree", "array", { required: true })!;
    const baseTree = field<string>(body, "base_tree", "string");
    if (baseTree !== undefined && !OBJECT_ID.test(baseTree)) {
      throw validationFailed({ resource: "Tree", field: "base_tree", code: "invalid" });
    }
    const gitDir = gitDirOf(ar, repo);
    const index = await Deno.makeTempFile({ prefix: "bleephub-tree-" });
    await Deno.remove(index);
    const env = { GIT_INDEX_FILE: index };
    try {
      if (baseTree) await git(gitDir, ["read-tree", baseTree], { env });
      for (const e of entries) {
        if (
          typeof e?.path !== "string" ||
          !["100644", "100755", "040000", "160000", "120000"].includes(e.mode)
        ) {
          throw validationFailed({ resource: "Tree", field: "tree", code: "invalid" });
        }
        if (e.sha === null) {
          await git(gitDir, ["update-index", "--force-remove", "--", e.path], { env });
          continue;
        }
        const sha = e.content !== undefined
          ? await git(gitDir, ["hash-object", "-w", "--stdin"], { stdin: e.content })
          : e.sha!;
        await git(gitDir, ["update-index", "--add", "--cacheinfo", `${e.mode},${sha},${e.path}`], {
          env,
        });
      }
      const sha = await git(gitDir, ["write-tree"], { env });
      const api = `${ar.hub.origin}/api/v3/repos/${ar.params.owner}/${ar.params.repo}`;
      const tree = (await lsTree(gitDir, sha)).map((e) => ({
        path: e.path,
        mode: e.mode,
        type: e.type,
        sha: e.sha,
        ...(e.size !== null ? { size: e.size } : {}),
        url: `${api}/git/${e.type}s/${e.sha}`,
      }));
      return json({ sha, url: `${api}/git/trees/${sha}`, tree, truncated: false }, 201);
    } finally {
      await Deno.remove(index).catch(() => {});
    }
  });
}
