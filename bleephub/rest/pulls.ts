/** Pull requests: list, create, get (JSON, diff, patch), update, files, commits, merge. */
import type { Router } from "../router.ts";
import type { Handler } from "./mod.ts";
import { field, json, paginated, readBody } from "./respond.ts";
import { repoFor, requireUser } from "./guards.ts";
import { pullJson } from "./shape_pull.ts";
import { repoCommitJson } from "./shape_git.ts";
import { GitHubError, notFound } from "../errors.ts";
import { listIssues, requireIssue } from "../store/issues.ts";
import { atLeast, permissionOf } from "../store/repos.ts";
import { updateIssue } from "../issues.ts";
import { createPull, currentHeads, freezeHeads, type MergeMethod, mergePull } from "../pulls.ts";
import { gitDirFor } from "../git/storage.ts";
import { git } from "../git/exec.ts";
import { diffFiles, mergeBase, patchFor, readCommit, revList } from "../git/read.ts";

export function pullRoutes(r: Router<Handler>): void {
  r.add("GET", "/repos/:owner/:repo/pulls", async (ar) => {
    const repo = repoFor(ar);
    const q = ar.url.searchParams;
    const state = (q.get("state") ?? "open") as "open" | "closed" | "all";
    const head = q.get("head")?.split(":").at(-1);
    const rows = listIssues(ar.hub.db, repo.id, {
      pulls: true,
      state,
      head,
      base: q.get("base") ?? undefined,
    });
    const { page, perPage } = {
      page: Number(q.get("page") ?? 1),
      perPage: Math.min(100, Number(q.get("per_page") ?? 30)),
    };
    const shapes = new Map<number, unknown>();
    for (const pr of rows.slice((page - 1) * perPage, page * perPage)) {
      shapes.set(pr.id, await pullJson(ar.hub, pr));
    }
    return paginated(ar, rows, (pr) => shapes.get(pr.id));
  });
  r.add("POST", "/repos/:owner/:repo/pulls", async (ar) => {
    const repo = repoFor(ar, "write");
    const user = requireUser(ar);
    const body = await readBody(ar);
    if (body.issue !== undefined) {
      throw new GitHubError(422, "Converting issues to pull requests is not supported by bleephub");
    }
    const pr = await createPull(ar.hub, repo, user, {
      title: field<string>(body, "title", "string", { required: true })!,
      body: field<string>(body, "body", "string", { nullable: true }),
      head: field<string>(body, "head", "string", { required: true })!,
      base: field<string>(body, "base", "string", { required: true })!,
      draft: field<boolean>(body, "draft", "boolean"),
    });
    return json(await pullJson(ar.hub, pr), 201);
  });
  r.add("GET", "/repos/:owner/:repo/pulls/:number(\\d+)", async (ar) => {
    const repo = repoFor(ar);
    const pr = requireIssue(ar.hub.db, repo.id, Number(ar.params.number), true);
    // The diff and patch media types answer with git's own text instead of JSON.
    const accept = ar.req.headers.get("accept") ?? "";
    const media = /application\/vnd\.github(?:\.v3)?\.(diff|patch)/.exec(accept)?.[1];
    if (media) {
      const gitDir = gitDirFor(ar.hub.gitRoot, repo.id);
      const { headSha, baseSha } = await currentHeads(ar.hub, pr);
      const base = await mergeBase(gitDir, baseSha, headSha) ?? baseSha;
      const text = media === "diff"
        ? await git(gitDir, ["diff", "--full-index", "-M", base, headSha])
        : await git(gitDir, ["format-patch", "--stdout", `${base}..${headSha}`]);
      return new Response(text ? text + "\n" : "", {
        headers: { "content-type": `application/vnd.github.${media}; charset=utf-8` },
      });
    }
    return json(await pullJson(ar.hub, pr));
  });
  r.add("PATCH", "/repos/:owner/:repo/pulls/:number(\\d+)", async (ar) => {
    const repo = repoFor(ar);
    const user = requireUser(ar);
    const pr = requireIssue(ar.hub.db, repo.id, Number(ar.params.number), true);
    if (pr.user_id !== user.id && !atLeast(permissionOf(ar.hub.db, repo, user), "triage")) {
      throw new GitHubError(403, "Must have triage access to edit this pull request.");
    }
    const body = await readBody(ar);
    const base = field<string>(body, "base", "string");
    if (base) ar.hub.db.prepare("UPDATE issues SET base_ref = ? WHERE id = ?").run(base, pr.id);
    const state = field<"open" | "closed">(body, "state", "string");
    if (state === "closed" && pr.state === "open") await freezeHeads(ar.hub, pr);
    const updated = await updateIssue(ar.hub, repo, user, pr, {
      title: field<string>(body, "title", "string"),
      body: field<string>(body, "body", "string", { nullable: true }),
      state,
    });
    return json(await pullJson(ar.hub, updated));
  });
  r.add("GET", "/repos/:owner/:repo/pulls/:number(\\d+)/commits", async (ar) => {
    const repo = repoFor(ar);
    const pr = requireIssue(ar.hub.db, repo.id, Number(ar.params.number), true);
    const gitDir = gitDirFor(ar.hub.gitRoot, repo.id);
    const { headSha, baseSha } = await currentHeads(ar.hub, pr);
    const commits = await Promise.all(
      (await revList(gitDir, [`${baseSha}..${headSha}`], { reverse: true })).map((s) =>
        readCommit(gitDir, s)
      ),
    );
    return paginated(ar, commits, (c) => repoCommitJson(ar.hub, repo, c));
  });
  r.add("GET", "/repos/:owner/:repo/pulls/:number(\\d+)/files", async (ar) => {
    const repo = repoFor(ar);
    const pr = requireIssue(ar.hub.db, repo.id, Number(ar.params.number), true);
    const gitDir = gitDirFor(ar.hub.gitRoot, repo.id);
    const { headSha, baseSha } = await currentHeads(ar.hub, pr);
    const base = await mergeBase(gitDir, baseSha, headSha);
    const files = base ? await diffFiles(gitDir, base, headSha) : [];
    const withPatch = await Promise.all(files.map(async (f) => ({
      sha: headSha,
      ...f,
      blob_url:
        `${ar.hub.origin}/${ar.params.owner}/${ar.params.repo}/blob/${headSha}/${f.filename}`,
      patch: await patchFor(gitDir, base!, headSha, f.filename),
    })));
    return paginated(ar, withPatch, (f) => f);
  });
  r.add("GET", "/repos/:owner/:repo/pulls/:number(\\d+)/merge", (ar) => {
    const repo = repoFor(ar);
    const pr = requireIssue(ar.hub.db, repo.id, Number(ar.params.number), true);
    if (!pr.merged_at) throw notFound();
    return new Response(null, { status: 204 });
  });
  r.add("PUT", "/repos/:owner/:repo/pulls/:number(\\d+)/merge", async (ar) => {
    const repo = repoFor(ar, "write");
    const user = requireUser(ar);
    const pr = requireIssue(ar.hub.db, repo.id, Number(ar.params.number), true);
    const body = await readBody(ar);
    const merged = await mergePull(ar.hub, pr, user, {
      method: field<MergeMethod>(body, "merge_method", "string"),
      title: field<string>(body, "commit_title", "string"),
      message: field<string>(body, "commit_message", "string"),
      sha: field<string>(body, "sha", "string"),
    });
    return json({
      sha: merged.merge_commit_sha,
      merged: true,
      message: "Pull Request successfully merged",
    });
  });
}
