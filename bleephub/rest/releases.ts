/** Releases and their assets. Publishing a release whose tag is missing creates the tag. */
import type { Router } from "../router.ts";
import type { ApiRequest } from "../hub.ts";
import type { Handler } from "./mod.ts";
import { field, json, noContent, paginated, readBody } from "./respond.ts";
import { repoFor, requireUser } from "./guards.ts";
import { assetJson, assetsOf, releaseJson, type ReleaseRow } from "./shape_release.ts";
import { notFound, validationFailed } from "../errors.ts";
import { now } from "../store/db.ts";
import type { RepoRow } from "../store/repos.ts";
import { gitDirFor } from "../git/storage.ts";
import { resolveCommit } from "../git/read.ts";
import { updateRef } from "../git/write.ts";
import { emit } from "../webhooks.ts";
import { repoJson, simpleUser } from "./shape_repo.ts";

function releaseOr404(ar: ApiRequest, repo: RepoRow, where: string, value: unknown): ReleaseRow {
  const row = ar.hub.db.prepare(`SELECT * FROM releases WHERE repo_id = ? AND ${where}`).get(
    repo.id,
    value as string,
  ) as ReleaseRow | undefined;
  if (!row) throw notFound();
  // Drafts are only visible to people who can push.
  if (row.draft) repoFor(ar, "write");
  return row;
}

async function ensureTag(
  ar: ApiRequest,
  repo: RepoRow,
  tag: string,
  target: string,
): Promise<void> {
  const gitDir = gitDirFor(ar.hub.gitRoot, repo.id);
  if (await resolveCommit(gitDir, `refs/tags/${tag}`)) return;
  const sha = await resolveCommit(gitDir, target);
  if (!sha) {
    throw validationFailed({ resource: "Release", field: "target_commitish", code: "invalid" });
  }
  await updateRef(gitDir, `refs/tags/${tag}`, sha, undefined);
}

export function releaseRoutes(r: Router<Handler>): void {
  r.add("GET", "/repos/:owner/:repo/releases", (ar) => {
    const repo = repoFor(ar);
    const rows = ar.hub.db.prepare("SELECT * FROM releases WHERE repo_id = ? ORDER BY id DESC").all(
      repo.id,
    ) as unknown as ReleaseRow[];
    return paginated(ar, rows, (rel) => releaseJson(ar.hub, rel));
  });
  r.add("POST", "/repos/:owner/:repo/releases", async (ar) => {
    const repo = repoFor(ar, "write");
    const user = requireUser(ar);
    const body = await readBody(ar);
    const tag = field<string>(body, "tag_name", "string", { required: true })!;
    if (!tag.trim() || /\s/.test(tag)) {
      throw validationFailed({ resource: "Release", field: "tag_name", code: "invalid" });
    }
    const target = field<string>(body, "target_commitish", "string") || repo.default_branch;
    const draft = field<boolean>(body, "draft", "boolean") ?? false;
    if (
      ar.hub.db.prepare("SELECT 1 FROM releases WHERE repo_id = ? AND tag_name = ? AND draft = 0")
        .get(repo.id, tag) && !draft
    ) {
      throw validationFailed({ resource: "Release", field: "tag_name", code: "already_exists" });
    }
    if (!draft) await ensureTag(ar, repo, tag, target);
    const t = now();
    const res = ar.hub.db.prepare(
      `INSERT INTO releases (repo_id, tag_name, target_commitish, name, body, draft, prerelease, author_id, created_at, published_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      repo.id,
      tag,
      target,
      field<string>(body, "name", "string", { nullable: true }) ?? null,
      field<string>(body, "body", "string", { nullable: true }) ?? null,
      draft ? 1 : 0,
      field<boolean>(body, "prerelease", "boolean") ? 1 : 0,
      user.id,
      t,
      draft ? null : t,
    );
    const rel = ar.hub.db.prepare("SELECT * FROM releases WHERE id = ?").get(
      Number(res.lastInsertRowid),
    ) as unknown as ReleaseRow;
    emit(ar.hub, repo, "release", {
      action: draft ? "created" : "published",
      release: releaseJson(ar.hub, rel),
      repository: repoJson(ar.hub, repo, user),
      sender: simpleUser(ar.hub, user),
    });
    return json(releaseJson(ar.hub, rel), 201);
  });
  r.add("GET", "/repos/:owner/:repo/releases/latest", (ar) => {
    const repo = repoFor(ar);
    const rel = ar.hub.db.prepare(
      "SELECT * FROM releases WHERE repo_id = ? AND draft = 0 AND prerelease = 0 ORDER BY published_at DESC, id DESC",
    ).get(repo.id) as ReleaseRow | undefined;
    if (!rel) throw notFound();
    return json(releaseJson(ar.hub, rel));
  });
  r.add("GET", "/repos/:owner/:repo/releases/tags/:tag+", (ar) => {
    const repo = repoFor(ar);
    return json(
      releaseJson(ar.hub, releaseOr404(ar, repo, "tag_name = ? AND draft = 0", ar.params.tag)),
    );
  });
  r.add("GET", "/repos/:owner/:repo/releases/:id(\\d+)", (ar) => {
    const repo = repoFor(ar);
    return json(releaseJson(ar.hub, releaseOr404(ar, repo, "id = ?", Number(ar.params.id))));
  });
  r.add("PATCH", "/repos/:owner/:repo/releases/:id(\\d+)", async (ar) => {
    const repo = repoFor(ar, "write");
    const rel = releaseOr404(ar, repo, "id = ?", Number(ar.params.id));
    const body = await readBody(ar);
    const tag = field<string>(body, "tag_name", "string") ?? rel.tag_name;
    const draft = field<boolean>(body, "draft", "boolean") ?? rel.draft === 1;
    const target = field<string>(body, "target_commitish", "string") ?? rel.target_commitish;
    if (!draft) await ensureTag(ar, repo, tag, target);
    ar.hub.db.prepare(
      `UPDATE releases SET tag_name = ?, target_commitish = ?, name = ?, body = ?, draft = ?, prerelease = ?,
         published_at = CASE WHEN ? = 0 THEN coalesce(published_at, ?) ELSE NULL END WHERE id = ?`,
    ).run(
      tag,
      target,
      field<string>(body, "name", "string") ?? rel.name,
      field<string>(body, "body", "string") ?? rel.body,
      draft ? 1 : 0,
      (field<boolean>(body, "prerelease", "boolean") ?? rel.prerelease === 1) ? 1 : 0,
      draft ? 1 : 0,
      now(),
      rel.id,
    );
    return json(
      releaseJson(
        ar.hub,
        ar.hub.db.prepare("SELECT * FROM releases WHERE id = ?").get(
          rel.id,
        ) as unknown as ReleaseRow,
      ),
    );
  });
  r.add("DELETE", "/repos/:owner/:repo/releases/:id(\\d+)", (ar) => {
    const repo = repoFor(ar, "write");
    const rel = releaseOr404(ar, repo, "id = ?", Number(ar.params.id));
    ar.hub.db.prepare("DELETE FROM release_assets WHERE release_id = ?").run(rel.id);
    ar.hub.db.prepare("DELETE FROM releases WHERE id = ?").run(rel.id);
    return noContent();
  });

  r.add("GET", "/repos/:owner/:repo/releases/:id(\\d+)/assets", (ar) => {
    const repo = repoFor(ar);
    const rel = releaseOr404(ar, repo, "id = ?", Number(ar.params.id));
    return paginated(ar, assetsOf(ar.hub, rel.id), (a) => assetJson(ar.hub, a, repo.id));
  });
  // Uploads arrive on the uploads host path (/api/uploads/...) with the raw bytes as body.
  r.add("POST", "/repos/:owner/:repo/releases/:id(\\d+)/assets", async (ar) => {
    const repo = repoFor(ar, "write");
    const user = requireUser(ar);
    const rel = releaseOr404(ar, repo, "id = ?", Number(ar.params.id));
    const name = ar.url.searchParams.get("name");
    if (!name) {
      throw validationFailed({ resource: "ReleaseAsset", field: "name", code: "missing_field" });
    }
    if (
      ar.hub.db.prepare("SELECT 1 FROM release_assets WHERE release_id = ? AND name = ?").get(
        rel.id,
        name,
      )
    ) {
      throw validationFailed({ resource: "ReleaseAsset", field: "name", code: "already_exists" });
    }
    const data = new Uint8Array(await ar.req.arrayBuffer());
    const res = ar.hub.db.prepare(
      `INSERT INTO release_assets (release_id, name, label, content_type, data, uploader_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      rel.id,
      name,
      ar.url.searchParams.get("label"),
      ar.req.headers.get("content-type") ?? "application/octet-stream",
      data,
      user.id,
      now(),
    );
    const asset = assetsOf(ar.hub, rel.id).find((a) => a.id === Number(res.lastInsertRowid))!;
    return json(assetJson(ar.hub, asset, repo.id), 201);
  });
  const download = (ar: ApiRequest, repo: RepoRow) => {
    const row = ar.hub.db.prepare(
      `SELECT a.data, a.content_type, a.name FROM release_assets a JOIN releases r ON r.id = a.release_id
       WHERE a.id = ? AND r.repo_id = ?`,
    ).get(Number(ar.params.id), repo.id) as
      | { data: Uint8Array; content_type: string; name: string }
      | undefined;
    if (!row) throw notFound();
    ar.hub.db.prepare("UPDATE release_assets SET download_count = download_count + 1 WHERE id = ?")
      .run(Number(ar.params.id));
    return new Response(row.data as Uint8Array<ArrayBuffer>, {
      headers: {
        "content-type": "application/octet-stream",
        "content-disposition": `attachment; filename=${row.name}`,
      },
    });
  };
  r.add("GET", "/repos/:owner/:repo/releases/assets/:id(\\d+)", (ar) => {
    const repo = repoFor(ar);
    if ((ar.req.headers.get("accept") ?? "").includes("application/octet-stream")) {
      return download(ar, repo);
    }
    const a = ar.hub.db.prepare(
      `SELECT a.id, a.release_id, a.name, a.label, a.content_type, length(a.data) AS size, a.uploader_id, a.download_count, a.created_at
       FROM release_assets a JOIN releases r ON r.id = a.release_id WHERE a.id = ? AND r.repo_id = ?`,
    ).get(Number(ar.params.id), repo.id);
    if (!a) throw notFound();
    return json(assetJson(ar.hub, a as never, repo.id));
  });
  r.add(
    "GET",
    "/repos/:owner/:repo/releases/assets/:id(\\d+)/download/:name",
    (ar) => download(ar, repoFor(ar)),
  );
  r.add("DELETE", "/repos/:owner/:repo/releases/assets/:id(\\d+)", (ar) => {
    const repo = repoFor(ar, "write");
    const res = ar.hub.db.prepare(
      "DELETE FROM release_assets WHERE id = ? AND release_id IN (SELECT id FROM releases WHERE repo_id = ?)",
    ).run(Number(ar.params.id), repo.id);
    if (res.changes === 0) throw notFound();
    return noContent();
  });
}
