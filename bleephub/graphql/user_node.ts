/** GraphQL `User` and `Organization` objects over user rows. */
import type { GqlContext } from "./context.ts";
import { nodeId } from "./node_id.ts";
import { connection, type ConnectionArgs } from "./connection.ts";
import { membershipRole, orgsOf, userById, type UserRow } from "../store/users.ts";
import { repoByName, reposOwnedBy } from "../store/repos.ts";
import { RepositoryNode } from "./repository_node.ts";

export function actorNode(ctx: GqlContext, id: number | null): UserNode | null {
  if (id === null) return null;
  const row = userById(ctx.hub.db, id);
  return row ? new UserNode(ctx, row) : null;
}

export class UserNode {
  readonly __typename: "User" | "Organization";
  constructor(readonly ctx: GqlContext, readonly row: UserRow) {
    this.__typename = row.type === "Organization" ? "Organization" : "User";
  }
  get id() {
    return nodeId(this.__typename, this.row.id);
  }
  get databaseId() {
    return this.row.id;
  }
  get login() {
    return this.row.login;
  }
  get name() {
    return this.row.name;
  }
  get email() {
    return this.row.email ?? "";
  }
  get bio() {
    return this.row.bio;
  }
  get description() {
    return this.row.bio;
  }
  get company() {
    return null;
  }
  get location() {
    return null;
  }
  get createdAt() {
    return this.row.created_at;
  }
  get updatedAt() {
    return this.row.updated_at;
  }
  get isSiteAdmin() {
    return this.row.site_admin === 1;
  }
  get isViewer() {
    return this.row.id === this.ctx.viewer.id;
  }
  avatarUrl() {
    return `${this.ctx.hub.origin}/avatars/${this.row.login}`;
  }
  get url() {
    return `${this.ctx.hub.origin}/${this.row.login}`;
  }
  get resourcePath() {
    return `/${this.row.login}`;
  }
  get viewerIsAMember() {
    return membershipRole(this.ctx.hub.db, this.row.id, this.ctx.viewer.id) !== undefined;
  }
  get viewerCanCreateRepositories() {
    return this.ctx.viewer.site_admin === 1 || this.viewerIsAMember;
  }
  repositories(args: ConnectionArgs & { privacy?: string; ownerAffiliations?: string[] }) {
    let rows = reposOwnedBy(this.ctx.hub.db, this.row, this.ctx.viewer);
    if (args.privacy === "PRIVATE") rows = rows.filter((r) => r.private === 1);
    if (args.privacy === "PUBLIC") rows = rows.filter((r) => r.private === 0);
    return connection(rows.map((r) => new RepositoryNode(this.ctx, r)), args);
  }
  repository(args: { name: string }) {
    const row = repoByName(this.ctx.hub.db, this.row.login, args.name);
    return row ? new RepositoryNode(this.ctx, row) : null;
  }
  organizations(args: ConnectionArgs) {
    const orgs = orgsOf(this.ctx.hub.db, this.row.id).map((o) => new UserNode(this.ctx, o));
    return connection(orgs, args);
  }
  organization(args: { login: string }) {
    return this.organizations({}).nodes.find((o) => o.login === args.login) ?? null;
  }
  membersWithRole(args: ConnectionArgs) {
    const rows = this.ctx.hub.db.prepare(
      "SELECT u.* FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.org_id = ? ORDER BY u.login",
    ).all(this.row.id) as unknown as UserRow[];
    return connection(rows.map((u) => new UserNode(this.ctx, u)), args);
  }
}
