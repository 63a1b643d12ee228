/** GraphQL `Repository`: metadata, permissions, and its issues, PRs, labels, refs and releases. */
import type { GqlContext } from "./context.ts";
import { nodeId } from "./node_id.ts";
import { connection, type ConnectionArgs } from "./connection.ts";
import { atLeast, permissionOf, type RepoRow } from "../store/repos.ts";
import { userById, type UserRow } from "../store/users.ts";
import { issueByNumber, labelByName, type MilestoneRow, repoLabels } from "../store/issues.ts";
import { gitDirFor } from "../git/storage.ts";
import { branches, refs, resolveCommit } from "../git/read.ts";
import { UserNode } from "./user_node.ts";
import { GqlError } from "./lookup.ts";
import { IssueNode, LabelNode, MilestoneNode } from "./issue_node.ts";
import { CommitNode, RefNode } from "./git_nodes.ts";
import { ReleaseNode } from "./release_node.ts";
import { type IssueArgs, issuesFor } from "./issue_filter.ts";
import type { ReleaseRow } from "../rest/shape_release.ts";

const EMPTY = {
  totalCount: 0,
  nodes: [],
  edges: [],
  pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
};

export class RepositoryNode {
  readonly __typename = "Repository";
  constructor(readonly ctx: GqlContext, readonly row: RepoRow) {}
  get #gitDir() {
    return gitDirFor(this.ctx.hub.gitRoot, this.row.id);
  }
  get #ownerRow(): UserRow {
    return userById(this.ctx.hub.db, this.row.owner_id)!;
  }
  get id() {
    return nodeId("Repository", this.row.id);
  }
  get databaseId() {
    return this.row.id;
  }
  get name() {
    return this.row.name;
  }
  get nameWithOwner() {
    return `${this.#ownerRow.login}/${this.row.name}`;
  }
  get owner() {
    return new UserNode(this.ctx, this.#ownerRow);
  }
  get description() {
    return this.row.description;
  }
  get homepageUrl() {
    return this.row.homepage;
  }
  get url() {
    return `${this.ctx.hub.origin}/${this.nameWithOwner}`;
  }
  get resourcePath() {
    return `/${this.nameWithOwner}`;
  }
  get sshUrl() {
    return `git@${new URL(this.ctx.hub.origin).hostname}:${this.nameWithOwner}.git`;
  }
  get isPrivate() {
    return this.row.private === 1;
  }
  get visibility() {
    return this.row.private ? "PRIVATE" : "PUBLIC";
  }
  get isArchived() {
    return this.row.archived === 1;
  }
  get isInOrganization() {
    return this.#ownerRow.type === "Organization";
  }
  get createdAt() {
    return this.row.created_at;
  }
  get updatedAt() {
    return this.row.updated_at;
  }
  get pushedAt() {
    return this.row.pushed_at;
  }
  get hasIssuesEnabled() {
    return this.row.has_issues === 1;
  }
  get hasWikiEnabled() {
    return this.row.has_wiki === 1;
  }
  get mergeCommitAllowed() {
    return this.row.allow_merge_commit === 1;
  }
  get squashMergeAllowed() {
    return this.row.allow_squash_merge === 1;
  }
  get rebaseMergeAllowed() {
    return this.row.allow_rebase_merge === 1;
  }
  get viewerPermission() {
    return permissionOf(this.ctx.hub.db, this.row, this.ctx.viewer).toUpperCase();
  }
  get viewerCanAdminister() {
    return atLeast(permissionOf(this.ctx.hub.db, this.row, this.ctx.viewer), "admin");
  }
  get viewerDefaultMergeMethod() {
    return this.row.allow_merge_commit
      ? "MERGE"
      : this.row.allow_squash_merge
      ? "SQUASH"
      : "REBASE";
  }
  get viewerDefaultCommitEmail() {
    return this.ctx.viewer.email ?? "";
  }
  get viewerPossibleCommitEmails() {
    return this.ctx.viewer.email ? [this.ctx.viewer.email] : [];
  }
  async isEmpty() {
    return (await refs(this.#gitDir, "refs/heads/")).size === 0;
  }
  async defaultBranchRef() {
    const sha = await resolveCommit(this.#gitDir, `refs/heads/${this.row.default_branch}`);
    return sha ? new RefNode(this.ctx, this, `refs/heads/${this.row.default_branch}`, sha) : null;
  }
  async ref(args: { qualifiedName: string }) {
    const name = args.qualifiedName.startsWith("refs/")
      ? args.qualifiedName
      : `refs/heads/${args.qualifiedName}`;
    const sha = await resolveCommit(this.#gitDir, name);
    return sha ? new RefNode(this.ctx, this, name, sha) : null;
  }
  async refs(args: ConnectionArgs & { refPrefix: string; query?: string }) {
    const map = await refs(this.#gitDir, args.refPrefix);
    const nodes = [...map]
      .filter(([name]) => !args.query || name.includes(args.query))
      .map(([name, sha]) => new RefNode(this.ctx, this, name, sha));
    return connection(nodes, args);
  }
  async object(args: { oid?: string; expression?: string }) {
    const sha = await resolveCommit(this.#gitDir, args.oid ?? args.expression ?? "");
    return sha ? new CommitNode(this.ctx, this, sha) : null;
  }

  issues(args: IssueArgs) {
    return connection(
      issuesFor(this.ctx.hub.db, this.row.id, false, args).map((i) => new IssueNode(this.ctx, i)),
      args,
    );
  }
  pullRequests(args: IssueArgs) {
    return connection(
      issuesFor(this.ctx.hub.db, this.row.id, true, args).map((i) => new IssueNode(this.ctx, i)),
      args,
    );
  }
  #numbered(number: number, pull: boolean | undefined) {
    const row = issueByNumber(this.ctx.hub.db, this.row.id, number);
    if (!row || (pull !== undefined && (row.is_pull === 1) !== pull)) {
      const what = pull === undefined
        ? "an issue or pull request"
        : pull
        ? "a PullRequest"
        : "an Issue";
      throw new GqlError("NOT_FOUND", `Could not resolve to ${what} with the number of ${number}.`);
    }
    return new IssueNode(this.ctx, row);
  }
  issue(args: { number: number }) {
    return this.#numbered(args.number, false);
  }
  pullRequest(args: { number: number }) {
    return this.#numbered(args.number, true);
  }
  issueOrPullRequest(args: { number: number }) {
    return this.#numbered(args.number, undefined);
  }
  labels(args: ConnectionArgs & { query?: string }) {
    const rows = repoLabels(this.ctx.hub.db, this.row.id)
      .filter((l) => !args.query || l.name.toLowerCase().includes(args.query.toLowerCase()));
    return connection(rows.map((l) => new LabelNode(this.ctx, l)), args);
  }
  label(args: { name: string }) {
    const l = labelByName(this.ctx.hub.db, this.row.id, args.name);
    return l ? new LabelNode(this.ctx, l) : null;
  }
  milestones(args: ConnectionArgs & { states?: string[] }) {
    const rows =
      (this.ctx.hub.db.prepare("SELECT * FROM milestones WHERE repo_id = ? ORDER BY number")
        .all(this.row.id) as unknown as MilestoneRow[])
        .filter((m) => !args.states?.length || args.states.includes(m.state.toUpperCase()));
    return connection(rows.map((m) => new MilestoneNode(this.ctx, m)), args);
  }
  milestone(args: { number: number }) {
    const m = this.ctx.hub.db.prepare("SELECT * FROM milestones WHERE repo_id = ? AND number = ?")
      .get(this.row.id, args.number) as MilestoneRow | undefined;
    return m ? new MilestoneNode(this.ctx, m) : null;
  }
  #people(): UserRow[] {
    return this.ctx.hub.db.prepare(
      `SELECT * FROM users WHERE id = ? OR id IN (SELECT user_id FROM collaborators WHERE repo_id = ?)
       OR id IN (SELECT user_id FROM memberships WHERE org_id = ?) ORDER BY login`,
    ).all(this.row.owner_id, this.row.id, this.row.owner_id) as unknown as UserRow[];
  }
  collaborators(args: ConnectionArgs) {
    return connection(
      this.#people().filter((u) => u.type === "User").map((u) => new UserNode(this.ctx, u)),
      args,
    );
  }
  assignableUsers(args: ConnectionArgs) {
    return this.collaborators(args);
  }
  mentionableUsers(args: ConnectionArgs) {
    return this.collaborators(args);
  }
  #releases(): ReleaseRow[] {
    return this.ctx.hub.db.prepare("SELECT * FROM releases WHERE repo_id = ? ORDER BY id DESC")
      .all(this.row.id) as unknown as ReleaseRow[];
  }
  releases(args: ConnectionArgs) {
    return connection(this.#releases().map((r) => new ReleaseNode(this.ctx, r)), args);
  }
  latestRelease() {
    const r = this.#releases().find((r) => !r.draft && !r.prerelease);
    return r ? new ReleaseNode(this.ctx, r) : null;
  }
  release(args: { tagName: string }) {
    const r = this.#releases().find((r) => r.tag_name === args.tagName);
    return r ? new ReleaseNode(this.ctx, r) : null;
  }
  async branchCount() {
    return (await branches(this.#gitDir)).length;
  }
  // Features bleephub does not host: honest empty answers with the shapes GitHub uses.
  isFork = false;
  isMirror = false;
  isTemplate = false;
  isLocked = false;
  isDisabled = false;
  isSecurityPolicyEnabled = false;
  isBlankIssuesEnabled = true;
  isUserConfigurationRepository = false;
  deleteBranchOnMerge = false;
  hasProjectsEnabled = false;
  hasDiscussionsEnabled = false;
  parent = null;
  templateRepository = null;
  mirrorUrl = null;
  licenseInfo = null;
  codeOfConduct = null;
  primaryLanguage = null;
  securityPolicyUrl = null;
  stargazerCount = 0;
  forkCount = 0;
  diskUsage = 0;
  viewerHasStarred = false;
  viewerSubscription = "SUBSCRIBED";
  usesCustomOpenGraphImage = false;
  fundingLinks = [];
  issueTemplates = [];
  pullRequestTemplates = [];
  contactLinks = [];
  get openGraphImageUrl() {
    return `${this.ctx.hub.origin}/${this.nameWithOwner}/og.png`;
  }
  watchers = () => EMPTY;
  stargazers = () => EMPTY;
  forks = () => EMPTY;
  languages = () => EMPTY;
  repositoryTopics = () => EMPTY;
  projects = () => EMPTY;
  projectsV2 = () => EMPTY;
}
