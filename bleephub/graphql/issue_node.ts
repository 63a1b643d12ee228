/** GraphQL `Issue`/`PullRequest` (one class: they share a table), labels, milestones, comments. */
import { enumOf, type GqlContext } from "./context.ts";
import { nodeId } from "./node_id.ts";
import { connection, type ConnectionArgs } from "./connection.ts";
import {
  assigneesOf,
  type CommentRow,
  commentsOf,
  type IssueRow,
  type LabelRow,
  labelsOf,
  milestoneById,
  type MilestoneRow,
} from "../store/issues.ts";
import { repoById } from "../store/repos.ts";
import { userById } from "../store/users.ts";
import { actorNode, UserNode } from "./user_node.ts";
import { RepositoryNode } from "./repository_node.ts";
import { PullDetails } from "./pull_details.ts";

const EMPTY = {
  totalCount: 0,
  nodes: [],
  edges: [],
  pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
};

export class LabelNode {
  readonly __typename = "Label";
  constructor(readonly ctx: GqlContext, readonly row: LabelRow) {}
  get id() {
    return nodeId("Label", this.row.id);
  }
  get name() {
    return this.row.name;
  }
  get color() {
    return this.row.color;
  }
  get description() {
    return this.row.description;
  }
  isDefault = false;
  get url() {
    return `${
      new RepositoryNode(this.ctx, repoById(this.ctx.hub.db, this.row.repo_id)!).url
    }/labels/${encodeURIComponent(this.row.name)}`;
  }
}

export class MilestoneNode {
  readonly __typename = "Milestone";
  constructor(readonly ctx: GqlContext, readonly row: MilestoneRow) {}
  get id() {
    return nodeId("Milestone", this.row.id);
  }
  get number() {
    return this.row.number;
  }
  get title() {
    return this.row.title;
  }
  get description() {
    return this.row.description;
  }
  get state() {
    return enumOf(this.row.state);
  }
  get dueOn() {
    return this.row.due_on;
  }
  get closed() {
    return this.row.state === "closed";
  }
  get url() {
    return `${
      new RepositoryNode(this.ctx, repoById(this.ctx.hub.db, this.row.repo_id)!).url
    }/milestone/${this.row.number}`;
  }
}

export class CommentNode {
  readonly __typename = "IssueComment";
  constructor(readonly ctx: GqlContext, readonly row: CommentRow, readonly issue: IssueNode) {}
  get id() {
    return nodeId("IssueComment", this.row.id);
  }
  get databaseId() {
    return this.row.id;
  }
  get body() {
    return this.row.body;
  }
  get bodyText() {
    return this.row.body;
  }
  get createdAt() {
    return this.row.created_at;
  }
  get updatedAt() {
    return this.row.updated_at;
  }
  get author() {
    return actorNode(this.ctx, this.row.user_id);
  }
  get url() {
    return `${this.issue.url}#issuecomment-${this.row.id}`;
  }
  get viewerDidAuthor() {
    return this.row.user_id === this.ctx.viewer.id;
  }
  authorAssociation = "OWNER";
  includesCreatedEdit = false;
  isMinimized = false;
  minimizedReason = null;
  reactionGroups = [];
}

export class IssueNode extends PullDetails {
  readonly __typename: "Issue" | "PullRequest";
  constructor(ctx: GqlContext, row: IssueRow) {
    super(ctx, row);
    this.__typename = row.is_pull ? "PullRequest" : "Issue";
  }
  get id() {
    return nodeId(this.__typename, this.row.id);
  }
  get databaseId() {
    return this.row.id;
  }
  get number() {
    return this.row.number;
  }
  get title() {
    return this.row.title;
  }
  get body() {
    return this.row.body ?? "";
  }
  get bodyText() {
    return this.row.body ?? "";
  }
  get state() {
    return this.row.merged_at ? "MERGED" : enumOf(this.row.state);
  }
  get stateReason() {
    return this.row.is_pull ? undefined : enumOf(this.row.state_reason);
  }
  get closed() {
    return this.row.state === "closed";
  }
  get closedAt() {
    return this.row.closed_at;
  }
  get createdAt() {
    return this.row.created_at;
  }
  get updatedAt() {
    return this.row.updated_at;
  }
  get locked() {
    return this.row.locked === 1;
  }
  get activeLockReason() {
    return this.row.lock_reason ? this.row.lock_reason.toUpperCase().replace(" ", "_") : null;
  }
  get repository() {
    return new RepositoryNode(this.ctx, repoById(this.ctx.hub.db, this.row.repo_id)!);
  }
  get url() {
    return `${this.repository.url}/${this.row.is_pull ? "pull" : "issues"}/${this.row.number}`;
  }
  get author() {
    return actorNode(this.ctx, this.row.user_id);
  }
  get milestone() {
    const m = this.row.milestone_id
      ? milestoneById(this.ctx.hub.db, this.row.milestone_id)
      : undefined;
    return m ? new MilestoneNode(this.ctx, m) : null;
  }
  assignees(args: ConnectionArgs) {
    const users = assigneesOf(this.ctx.hub.db, this.row.id)
      .map((id) => new UserNode(this.ctx, userById(this.ctx.hub.db, id)!));
    return connection(users, args);
  }
  labels(args: ConnectionArgs) {
    return connection(
      labelsOf(this.ctx.hub.db, this.row.id).map((l) => new LabelNode(this.ctx, l)),
      args,
    );
  }
  comments(args: ConnectionArgs) {
    return connection(
      commentsOf(this.ctx.hub.db, this.row.id).map((c) => new CommentNode(this.ctx, c, this)),
      args,
    );
  }
  get viewerCanUpdate() {
    return true;
  }
  authorAssociation = "OWNER";
  reactionGroups = [];
  // bleephub has no pinned issues (pinIssue fails as unimplemented), so none is pinned.
  isPinned = false;
  projectCards = () => EMPTY;
  projectItems = () => EMPTY;
  participants = (args: ConnectionArgs) => connection([this.author].filter(Boolean), args);
}
