/** The pull-request half of `IssueNode`: branches, mergeability, commits, files and reviews. */
import { enumOf, type GqlContext } from "./context.ts";
import { nodeId } from "./node_id.ts";
import { connection, type ConnectionArgs } from "./connection.ts";
import type { IssueRow } from "../store/issues.ts";
import { repoById } from "../store/repos.ts";
import { gitDirFor } from "../git/storage.ts";
import { diffFiles, mergeBase, revList } from "../git/read.ts";
import { currentHeads, mergeability } from "../pulls.ts";
import { actorNode } from "./user_node.ts";
import { RepositoryNode } from "./repository_node.ts";
import { CommitNode, RefNode } from "./git_nodes.ts";

export interface ReviewRow {
  id: number;
  issue_id: number;
  user_id: number;
  state: string;
  body: string | null;
  commit_id: string | null;
  submitted_at: string;
}

export class ReviewNode {
  readonly __typename = "PullRequestReview";
  constructor(readonly ctx: GqlContext, readonly row: ReviewRow) {}
  get id() {
    return nodeId("PullRequestReview", this.row.id);
  }
  get databaseId() {
    return this.row.id;
  }
  get author() {
    return actorNode(this.ctx, this.row.user_id);
  }
  get state() {
    return this.row.state;
  }
  get body() {
    return this.row.body ?? "";
  }
  get submittedAt() {
    return this.row.submitted_at;
  }
  get createdAt() {
    return this.row.submitted_at;
  }
  get commit() {
    return this.row.commit_id ? { oid: this.row.commit_id } : null;
  }
  authorAssociation = "OWNER";
  includesCreatedEdit = false;
  reactionGroups = [];
}

export class PullDetails {
  constructor(readonly ctx: GqlContext, readonly row: IssueRow) {}
  get #repo() {
    return new RepositoryNode(this.ctx, repoById(this.ctx.hub.db, this.row.repo_id)!);
  }
  get #gitDir() {
    return gitDirFor(this.ctx.hub.gitRoot, this.row.repo_id);
  }
  get headRefName() {
    return this.row.head_ref;
  }
  get baseRefName() {
    return this.row.base_ref;
  }
  async headRefOid() {
    return (await currentHeads(this.ctx.hub, this.row)).headSha;
  }
  async baseRefOid() {
    return (await currentHeads(this.ctx.hub, this.row)).baseSha;
  }
  async headRef() {
    const { headSha } = await currentHeads(this.ctx.hub, this.row);
    return this.row.state === "open"
      ? new RefNode(this.ctx, this.#repo, `refs/heads/${this.row.head_ref}`, headSha)
      : null;
  }
  async baseRef() {
    const { baseSha } = await currentHeads(this.ctx.hub, this.row);
    return new RefNode(this.ctx, this.#repo, `refs/heads/${this.row.base_ref}`, baseSha);
  }
  get headRepository() {
    return this.#repo;
  }
  get headRepositoryOwner() {
    return this.#repo.owner;
  }
  get baseRepository() {
    return this.#repo;
  }
  isCrossRepository = false;
  maintainerCanModify = false;
  autoMergeRequest = null;
  get isDraft() {
    return this.row.draft === 1;
  }
  get merged() {
    return this.row.merged_at !== null;
  }
  get mergedAt() {
    return this.row.merged_at;
  }
  get mergedBy() {
    return actorNode(this.ctx, this.row.merged_by);
  }
  get mergeCommit() {
    return this.row.merge_commit_sha
      ? new CommitNode(this.ctx, this.#repo, this.row.merge_commit_sha)
      : null;
  }
  async mergeable() {
    if (this.row.state !== "open") return "UNKNOWN";
    return (await mergeability(this.ctx.hub, this.row)).mergeable ? "MERGEABLE" : "CONFLICTING";
  }
  async mergeStateStatus() {
    if (this.row.state !== "open") return "UNKNOWN";
    if (this.row.draft) return "DRAFT";
    return (await mergeability(this.ctx.hub, this.row)).mergeable ? "CLEAN" : "DIRTY";
  }
  async additions() {
    return (await mergeability(this.ctx.hub, this.row)).stats.additions;
  }
  async deletions() {
    return (await mergeability(this.ctx.hub, this.row)).stats.deletions;
  }
  async changedFiles() {
    return (await mergeability(this.ctx.hub, this.row)).stats.changedFiles;
  }
  async commits(args: ConnectionArgs) {
    const { headSha, baseSha } = await currentHeads(this.ctx.hub, this.row);
    const shas = await revList(this.#gitDir, [`${baseSha}..${headSha}`], { reverse: true });
    const repo = this.#repo;
    return connection(
      shas.map((sha) => ({
        __typename: "PullRequestCommit",
        id: nodeId("Commit", sha),
        commit: new CommitNode(this.ctx, repo, sha),
      })),
      args,
    );
  }
  async files(args: ConnectionArgs) {
    const { headSha, baseSha } = await currentHeads(this.ctx.hub, this.row);
    const base = await mergeBase(this.#gitDir, baseSha, headSha);
    const files = base ? await diffFiles(this.#gitDir, base, headSha) : [];
    return connection(
      files.map((f) => ({
        path: f.filename,
        additions: f.additions,
        deletions: f.deletions,
        changeType: enumOf(f.status === "removed" ? "deleted" : f.status),
        viewerViewedState: "UNVIEWED",
      })),
      args,
    );
  }
  #reviews(): ReviewRow[] {
    return this.ctx.hub.db.prepare("SELECT * FROM reviews WHERE issue_id = ? ORDER BY id")
      .all(this.row.id) as unknown as ReviewRow[];
  }
  reviews(args: ConnectionArgs & { states?: string[] }) {
    const rows = this.#reviews().filter((r) =>
      !args.states?.length || args.states.includes(r.state)
    );
    return connection(rows.map((r) => new ReviewNode(this.ctx, r)), args);
  }
  latestReviews(args: ConnectionArgs) {
    const latest = new Map<number, ReviewRow>();
    for (const r of this.#reviews()) if (r.state !== "COMMENTED") latest.set(r.user_id, r);
    return connection([...latest.values()].map((r) => new ReviewNode(this.ctx, r)), args);
  }
  latestOpinionatedReviews(args: ConnectionArgs) {
    return this.latestReviews(args);
  }
  get reviewDecision() {
    if (!this.row.is_pull) return null;
    const states = this.latestReviews({}).nodes.map((r) => r.state);
    if (states.includes("CHANGES_REQUESTED")) return "CHANGES_REQUESTED";
    if (states.includes("APPROVED")) return "APPROVED";
    return "REVIEW_REQUIRED";
  }
  reviewRequests = (args: ConnectionArgs) => connection([], args);
  closingIssuesReferences = (args: ConnectionArgs) => connection([], args);
  potentialMergeCommit = null;
  // bleephub has no merge queue; GitHub answers the same for repositories without one.
  isInMergeQueue = false;
  isMergeQueueEnabled = false;
  mergeQueueEntry = null;
}
