/** GraphQL `Release` and `ReleaseAsset` objects. */
import type { GqlContext } from "./context.ts";
import { nodeId } from "./node_id.ts";
import { connection, type ConnectionArgs } from "./connection.ts";
import { assetJson, assetsOf, type ReleaseRow } from "../rest/shape_release.ts";
import { actorNode } from "./user_node.ts";

export class ReleaseNode {
  readonly __typename = "Release";
  constructor(readonly ctx: GqlContext, readonly row: ReleaseRow) {}
  get id() {
    return nodeId("Release", this.row.id);
  }
  get databaseId() {
    return this.row.id;
  }
  get tagName() {
    return this.row.tag_name;
  }
  get name() {
    return this.row.name;
  }
  get description() {
    return this.row.body;
  }
  get isDraft() {
    return this.row.draft === 1;
  }
  get isPrerelease() {
    return this.row.prerelease === 1;
  }
  get isLatest() {
    return !this.row.draft && !this.row.prerelease;
  }
  get createdAt() {
    return this.row.created_at;
  }
  get publishedAt() {
    return this.row.published_at;
  }
  get author() {
    return actorNode(this.ctx, this.row.author_id);
  }
  get tagCommit() {
    return null;
  }
  releaseAssets(args: ConnectionArgs) {
    const assets = assetsOf(this.ctx.hub, this.row.id).map((a) => {
      const json = assetJson(this.ctx.hub, a, this.row.repo_id);
      return {
        id: json.node_id,
        name: a.name,
        size: a.size,
        contentType: a.content_type,
        downloadCount: a.download_count,
        downloadUrl: json.browser_download_url,
        url: json.url,
        createdAt: a.created_at,
        updatedAt: a.created_at,
      };
    });
    return connection(assets, args);
  }
}
