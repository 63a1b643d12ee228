/** Repository contents: read files and directories, README, and commit file edits via the API. */
import type { Router } from "../router.ts";
import type { ApiRequest } from "../hub.ts";
import { apiBase } from "../hub.ts";
import type { Handler } from "./mod.ts";
import { field, json, readBody } from "./respond.ts";
import { repoFor, requireUser } from "./guards.ts";
import { GitHubError, notFound, validationFailed } from "../errors.ts";
import type { RepoRow } from "../store/repos.ts";
import { gitDirFor } from "../git/storage.ts";
import { lsTree, objectAt, readBlob, readCommit, resolveCommit } from "../git/read.ts";
import { commitTree, treeWithEdits, updateRef } from "../git/write.ts";
import { emitPush } from "../git/push_events.ts";
import { commitJson } from "./shape_git.ts";
import { checkRefUpdate } from "./branch_protection.ts";

function b64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  // GitHub wraps base64 content at 60 columns.
  return btoa(s).replace(/(.{60})/g, "$1\n") + "\n";
}

function entryJson(
  ar: ApiRequest,
  repo: RepoRow,
  ref: string,
  path: string,
  sha: string,
  type: string,
  size: number,
) {
  const owner = ar.params.owner;
  const url = `${apiBase(ar.hub)}/repos/${owner}/${repo.name}/contents/${path}?ref=${
    encodeURIComponent(ref)
  }`;
  const kind = type === "tree" ? "dir" : type === "commit" ? "submodule" : "file";
  return {
    type: kind,
    size: kind === "file" ? size : 0,
    name: path.split("/").at(-1),
    path,
    sha,
    url,
    git_url: `${apiBase(ar.hub)}/repos/${owner}/${repo.name}/git/${
      kind === "dir" ? "trees" : "blobs"
    }/${sha}`,
    html_url: `${ar.hub.origin}/${owner}/${repo.name}/${
      kind === "dir" ? "tree" : "blob"
    }/${ref}/${path}`,
    download_url: kind === "file"
      ? `${ar.hub.origin}/${owner}/${repo.name}/raw/${ref}/${path}`
      : null,
    _links: { self: url },
  };
}

async function getContents(ar: ApiRequest, path: string): Promise<Response> {
  const repo = repoFor(ar);
  const gitDir = gitDirFor(ar.hub.gitRoot, repo.id);
  const ref = ar.url.searchParams.get("ref") ?? repo.default_branch;
  const commit = await resolveCommit(gitDir, ref);
  if (!commit) {
    throw new GitHubError(
      404,
      path ? `No commit found for the ref ${ref}` : "This repository is empty.",
    );
  }
  if (path === "") {
    const entries = await lsTree(gitDir, commit);
    return json(entries.map((e) => entryJson(ar, repo, ref, e.path, e.sha, e.type, e.size ?? 0)));
  }
  const obj = await objectAt(gitDir, commit, path);
  if (!obj) throw notFound();
  if (obj.type === "tree") {
    const entries = await lsTree(gitDir, commit, path);
    return json(
      entries.map((e) => entryJson(ar, repo, ref, `${path}/${e.path}`, e.sha, e.type, e.size ?? 0)),
    );
  }
  const bytes = await readBlob(gitDir, obj.sha);
  if ((ar.req.headers.get("accept") ?? "").includes("raw")) {
    return new Response(bytes as Uint8Array<ArrayBuffer>, {
      headers: { "content-type": "application/vnd.github.raw" },
    });
  }
  return json({
    ...entryJson(ar, repo, ref, path, obj.sha, obj.type, obj.size),
    content: b64(bytes),
    encoding: "base64",
  });
}

async function editFile(ar: ApiRequest, deleting: boolean): Promise<Response> {
  const repo = repoFor(ar, "write");
  const user = requireUser(ar);
  const path = ar.params.path;
  const body = await readBody(ar);
  const message = field<string>(body, "message", "string", { required: true })!;
  const content = deleting ? null : field<string>(body, "content", "string", { required: true })!;
  const sha = field<string>(body, "sha", "string");
  const gitDir = gitDirFor(ar.hub.gitRoot, repo.id);
  const branch = field<string>(body, "branch", "string") ?? repo.default_branch;
  const ref = `refs/heads/${branch}`;
  const parent = await resolveCommit(gitDir, ref);
  if (!parent && branch !== repo.default_branch) {
    throw new GitHubError(404, `Branch ${branch} not found`);
  }
  const existing = parent ? await objectAt(gitDir, parent, path) : undefined;
  if (deleting && !existing) throw notFound();
  if (existing && sha !== existing.sha) {
    if (sha === undefined) {
      throw validationFailed({
        resource: "Contents",
        field: "sha",
        code: "missing_field",
        message: `"sha" wasn't supplied.`,
      });
    }
    throw new GitHubError(409, `${path} does not match ${sha}`);
  }
  let bytes: Uint8Array | null = null;
  if (content !== null) {
    try {
      bytes = Uint8Array.from(atob(content.replace(/\s/g, "")), (c) => c.charCodeAt(0));
    } catch {
      throw validationFailed({
        resource: "Contents",
        field: "content",
        code: "invalid",
        message: "content is not valid Base64",
      });
    }
  }
  checkRefUpdate(ar, repo, branch, false);
  const author = field<Record<string, string>>(body, "author", "object") ??
    field<Record<string, string>>(body, "committer", "object");
  const who = author?.name && author?.email ? { name: author.name, email: author.email } : {
    name: user.name ?? user.login,
    email: user.email ?? `${user.login}@users.noreply.bleephub`,
  };
  const tree = await treeWithEdits(gitDir, parent, [{ path, content: bytes }]);
  const commit = await commitTree(
    gitDir,
    tree,
    parent ? [parent] : [],
    message.endsWith("\n") ? message : message + "\n",
    who,
  );
  if (!(await updateRef(gitDir, ref, commit, parent))) {
    throw new GitHubError(409, `${ref} was updated while committing; try again`);
  }
  ar.hub.db.prepare("UPDATE repos SET pushed_at = ? WHERE id = ?").run(
    new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    repo.id,
  );
  await emitPush(ar.hub, repo, user, { ref, before: parent ?? "0".repeat(40), after: commit });
  const written = deleting ? undefined : await objectAt(gitDir, commit, path);
  const c = await readCommit(gitDir, commit);
  return json({
    content: written
      ? entryJson(ar, repo, branch, path, written.sha, written.type, written.size)
      : null,
    commit: commitJson(ar.hub, repo, c),
  }, deleting ? 200 : existing ? 200 : 201);
}

export function contentRoutes(r: Router<Handler>): void {
  r.add("GET", "/repos/:owner/:repo/contents", (ar) => getContents(ar, ""));
  r.add("GET", "/repos/:owner/:repo/contents/:path+", (ar) => getContents(ar, ar.params.path));
  r.add("PUT", "/repos/:owner/:repo/contents/:path+", (ar) => editFile(ar, false));
  r.add("DELETE", "/repos/:owner/:repo/contents/:path+", (ar) => editFile(ar, true));
  r.add("GET", "/repos/:owner/:repo/readme", async (ar) => {
    const repo = repoFor(ar);
    const gitDir = gitDirFor(ar.hub.gitRoot, repo.id);
    const commit = await resolveCommit(
      gitDir,
      ar.url.searchParams.get("ref") ?? repo.default_branch,
    );
    const entries = commit ? await lsTree(gitDir, commit) : [];
    const readme = entries.find((e) => e.type === "blob" && /^readme(\.|$)/i.test(e.path));
    if (!readme) throw notFound();
    return getContents(ar, readme.path);
  });
}
