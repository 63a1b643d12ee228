/** GitHub's JSON shapes for releases and release assets. */
import type { Schema } from "./schema.ts";
import { apiBase, type Hub } from "../hub.ts";
import { userById } from "../store/users.ts";
import { nodeId } from "../graphql/node_id.ts";
import { repoPath } from "./shape_issue.ts";
import { simpleUser } from "./shape_repo.ts";

export interface ReleaseRow {
  id: number;
  repo_id: number;
  tag_name: string;
  target_commitish: string;
  name: string | null;
  body: string | null;
  draft: number;
  prerelease: number;
  author_id: number;
  created_at: string;
  published_at: string | null;
}

export interface AssetRow {
  id: number;
  release_id: number;
  name: string;
  label: string | null;
  content_type: string;
  size: number;
  uploader_id: number;
  download_count: number;
  created_at: string;
}

export function assetJson(hub: Hub, a: AssetRow, repoId: number): Schema<"release-asset"> {
  const path = repoPath(hub, repoId);
  return {
    url: `${apiBase(hub)}/repos/${path}/releases/assets/${a.id}`,
    browser_download_url: `${apiBase(hub)}/repos/${path}/releases/assets/${a.id}/download/${
      encodeURIComponent(a.name)
    }`,
    id: a.id,
    node_id: `RA_${btoa(String(a.id)).replace(/=+$/, "")}`,
    name: a.name,
    label: a.label,
    state: "uploaded",
    content_type: a.content_type,
    size: a.size,
    digest: null,
    download_count: a.download_count,
    created_at: a.created_at,
    updated_at: a.created_at,
    uploader: simpleUser(hub, userById(hub.db, a.uploader_id)!),
  };
}

export function assetsOf(hub: Hub, releaseId: number): AssetRow[] {
  return hub.db.prepare(
    `SELECT id, release_id, name, label, content_type, length(data) AS size, uploader_id,
       download_count, created_at FROM release_assets WHERE release_id = ? ORDER BY id`,
  ).all(releaseId) as unknown as AssetRow[];
}

export function releaseJson(hub: Hub, r: ReleaseRow): Schema<"release"> {
  const path = repoPath(hub, r.repo_id);
  const api = `${apiBase(hub)}/repos/${path}/releases/${r.id}`;
  const tagPath = r.draft ? `untagged-${r.id}` : `tag/${encodeURIComponent(r.tag_name)}`;
  return {
    url: api,
    html_url: `${hub.origin}/${path}/releases/${tagPath}`,
    assets_url: `${api}/assets`,
    upload_url: `${hub.origin}/api/uploads/repos/${path}/releases/${r.id}/assets{?name,label}`,
    tarball_url: `${apiBase(hub)}/repos/${path}/tarball/${r.tag_name}`,
    zipball_url: `${apiBase(hub)}/repos/${path}/zipball/${r.tag_name}`,
    id: r.id,
    node_id: nodeId("Release", r.id),
    tag_name: r.tag_name,
    target_commitish: r.target_commitish,
    name: r.name,
    body: r.body,
    draft: r.draft === 1,
    prerelease: r.prerelease === 1,
    created_at: r.created_at,
    published_at: r.published_at,
    author: simpleUser(hub, userById(hub.db, r.author_id)!),
    assets: assetsOf(hub, r.id).map((a) => assetJson(hub, a, r.repo_id)),
  };
}
