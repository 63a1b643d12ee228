/** GraphQL mutations on repositories, issues, comments, labels and assignees. */
import type { GqlContext } from "./context.ts";
import {
  GqlError,
  guarded,
  issueFromId,
  labelFromId,
  milestoneNumberFromId,
  repoFromId,
  requireRepoPermission,
  userFromId,
} from "./lookup.ts";
import { CommentNode, IssueNode } from "./issue_node.ts";
import { RepositoryNode } from "./repository_node.ts";
import { hasScope } from "../auth.ts";
import {
  addComment,
  createIssue,
  deleteIssue,
  type IssueChanges,
  setLock,
  updateIssue,
} from "../issues.ts";
import { createRepository } from "../repositories.ts";
import { membershipRole, userById } from "../store/users.ts";
import { assigneesOf, issueById, labelsOf } from "../store/issues.ts";
import { pullMutations } from "./mutations_pull.ts";

type Input<T> = { input: T & { clientMutationId?: string } };

function loginsOf(ctx: GqlContext, ids: string[] | undefined): string[] | undefined {
  return ids?.map((id) => userFromId(ctx, id).login);
}

async function issueChange(ctx: GqlContext, id: string, changes: IssueChanges) {
  const { issue, repo } = issueFromId(ctx, id);
  requireRepoPermission(
    ctx,
    repo,
    issue.user_id === ctx.viewer.id && !changes.labels && !changes.assignees ? "read" : "triage",
  );
  const updated = await guarded(() => updateIssue(ctx.hub, repo, ctx.viewer, issue, changes));
  return new IssueNode(ctx, updated);
}

export const mutationRoot = {
  ...pullMutations,
  createRepository: async (
    { input }: Input<
      {
        name: string;
        ownerId?: string;
        description?: string;
        homepageUrl?: string;
        visibility: string;
        hasIssuesEnabled?: boolean;
        hasWikiEnabled?: boolean;
      }
    >,
    ctx: GqlContext,
  ) => {
    const owner = input.ownerId ? userFromId(ctx, input.ownerId) : ctx.viewer;
    if (
      owner.id !== ctx.viewer.id && !ctx.viewer.site_admin &&
      !membershipRole(ctx.hub.db, owner.id, ctx.viewer.id)
    ) {
      throw new GqlError(
        "FORBIDDEN",
        `${ctx.viewer.login} cannot create repositories for ${owner.login}.`,
      );
    }
    const isPrivate = input.visibility !== "PUBLIC";
    if (!hasScope(ctx.scopes, isPrivate ? "repo" : "public_repo")) {
      throw new GqlError(
        "INSUFFICIENT_SCOPES",
        "Your token has not been granted the required scopes to execute this query. The 'repo' scope is required.",
      );
    }
    const repo = await guarded(() =>
      createRepository(ctx.hub, ctx.viewer, owner, {
        name: input.name,
        description: input.description,
        homepage: input.homepageUrl,
        private: isPrivate,
        has_issues: input.hasIssuesEnabled,
        has_wiki: input.hasWikiEnabled,
      })
    );
    return { clientMutationId: input.clientMutationId, repository: new RepositoryNode(ctx, repo) };
  },
  createIssue: async (
    { input }: Input<
      {
        repositoryId: string;
        title: string;
        body?: string;
        assigneeIds?: string[];
        labelIds?: string[];
        milestoneId?: string;
      }
    >,
    ctx: GqlContext,
  ) => {
    const repo = repoFromId(ctx, input.repositoryId);
    requireRepoPermission(ctx, repo, "read");
    if (!repo.has_issues) throw new GqlError("UNPROCESSABLE", "Issues are disabled for this repo");
    const issue = await guarded(() =>
      createIssue(ctx.hub, repo, ctx.viewer, {
        title: input.title,
        body: input.body,
        assignees: loginsOf(ctx, input.assigneeIds),
        labels: input.labelIds?.map((id) => labelFromId(ctx, id).name),
        milestone: input.milestoneId ? milestoneNumberFromId(ctx, input.milestoneId) : undefined,
      })
    );
    return { clientMutationId: input.clientMutationId, issue: new IssueNode(ctx, issue) };
  },
  updateIssue: async (
    { input }: Input<
      {
        id: string;
        title?: string;
        body?: string;
        state?: string;
        assigneeIds?: string[];
        labelIds?: string[];
        milestoneId?: string | null;
      }
    >,
    ctx: GqlContext,
  ) => {
    const issue = await issueChange(ctx, input.id, {
      title: input.title,
      body: input.body,
      state: input.state ? (input.state.toLowerCase() as "open" | "closed") : undefined,
      assignees: loginsOf(ctx, input.assigneeIds),
      labels: input.labelIds?.map((id) => labelFromId(ctx, id).name),
      milestone: input.milestoneId === undefined
        ? undefined
        : input.milestoneId === null
        ? null
        : milestoneNumberFromId(ctx, input.milestoneId),
    });
    return { clientMutationId: input.clientMutationId, issue };
  },
  closeIssue: async (
    { input }: Input<{ issueId: string; stateReason?: string }>,
    ctx: GqlContext,
  ) => {
    const reason =
      (input.stateReason?.toLowerCase() ?? "completed") as IssueChanges["state_reason"];
    const issue = await issueChange(ctx, input.issueId, { state: "closed", state_reason: reason });
    return { clientMutationId: input.clientMutationId, issue };
  },
  reopenIssue: async ({ input }: Input<{ issueId: string }>, ctx: GqlContext) => {
    const issue = await issueChange(ctx, input.issueId, { state: "open" });
    return { clientMutationId: input.clientMutationId, issue };
  },
  addComment: async ({ input }: Input<{ subjectId: string; body: string }>, ctx: GqlContext) => {
    const { issue, repo } = issueFromId(ctx, input.subjectId);
    requireRepoPermission(ctx, repo, "read");
    if (issue.locked) {
      throw new GqlError("FORBIDDEN", "Unable to create comment because issue is locked.");
    }
    const comment = await guarded(() => addComment(ctx.hub, repo, ctx.viewer, issue, input.body));
    const subject = new IssueNode(ctx, issueById(ctx.hub.db, issue.id)!);
    const node = new CommentNode(ctx, comment, subject);
    return {
      clientMutationId: input.clientMutationId,
      subject,
      commentEdge: { node, cursor: btoa(`cursor:${comment.id}`) },
      timelineEdge: { node, cursor: btoa(`cursor:${comment.id}`) },
    };
  },
  addLabelsToLabelable: async (
    { input }: Input<{ labelableId: string; labelIds: string[] }>,
    ctx: GqlContext,
  ) => {
    const { issue, repo } = issueFromId(ctx, input.labelableId);
    const have = labelsOf(ctx.hub.db, issue.id).map((l) => l.name);
    const add = input.labelIds.map((id) => labelFromId(ctx, id).name);
    await issueChange(ctx, input.labelableId, { labels: [...new Set([...have, ...add])] });
    void repo;
    return {
      clientMutationId: input.clientMutationId,
      labelable: new IssueNode(ctx, issueById(ctx.hub.db, issue.id)!),
    };
  },
  removeLabelsFromLabelable: async (
    { input }: Input<{ labelableId: string; labelIds: string[] }>,
    ctx: GqlContext,
  ) => {
    const { issue } = issueFromId(ctx, input.labelableId);
    const drop = new Set(input.labelIds.map((id) => labelFromId(ctx, id).name));
    const keep = labelsOf(ctx.hub.db, issue.id).map((l) => l.name).filter((n) => !drop.has(n));
    await issueChange(ctx, input.labelableId, { labels: keep });
    return {
      clientMutationId: input.clientMutationId,
      labelable: new IssueNode(ctx, issueById(ctx.hub.db, issue.id)!),
    };
  },
  addAssigneesToAssignable: async (
    { input }: Input<{ assignableId: string; assigneeIds: string[] }>,
    ctx: GqlContext,
  ) => {
    const { issue } = issueFromId(ctx, input.assignableId);
    const have = assigneesOf(ctx.hub.db, issue.id).map((id) => userById(ctx.hub.db, id)!.login);
    const assignable = await issueChange(ctx, input.assignableId, {
      assignees: [...new Set([...have, ...loginsOf(ctx, input.assigneeIds)!])],
    });
    return { clientMutationId: input.clientMutationId, assignable };
  },
  removeAssigneesFromAssignable: async (
    { input }: Input<{ assignableId: string; assigneeIds: string[] }>,
    ctx: GqlContext,
  ) => {
    const { issue } = issueFromId(ctx, input.assignableId);
    const drop = new Set(loginsOf(ctx, input.assigneeIds));
    const keep = assigneesOf(ctx.hub.db, issue.id).map((id) => userById(ctx.hub.db, id)!.login)
      .filter((l) => !drop.has(l));
    const assignable = await issueChange(ctx, input.assignableId, { assignees: keep });
    return { clientMutationId: input.clientMutationId, assignable };
  },
  deleteIssue: ({ input }: Input<{ issueId: string }>, ctx: GqlContext) => {
    const { issue, repo } = issueFromId(ctx, input.issueId);
    if (issue.is_pull) throw new GqlError("UNPROCESSABLE", "Pull requests cannot be deleted");
    requireRepoPermission(ctx, repo, "admin");
    deleteIssue(ctx.hub, repo, ctx.viewer, issue);
    return { clientMutationId: input.clientMutationId, repository: new RepositoryNode(ctx, repo) };
  },
  lockLockable: (
    { input }: Input<{ lockableId: string; lockReason?: string }>,
    ctx: GqlContext,
  ) => {
    const { issue, repo } = issueFromId(ctx, input.lockableId);
    requireRepoPermission(ctx, repo, "triage");
    setLock(ctx.hub, issue, true, input.lockReason?.toLowerCase().replace("_", " ") ?? null);
    return {
      clientMutationId: input.clientMutationId,
      lockedRecord: new IssueNode(ctx, issueById(ctx.hub.db, issue.id)!),
    };
  },
  unlockLockable: ({ input }: Input<{ lockableId: string }>, ctx: GqlContext) => {
    const { issue, repo } = issueFromId(ctx, input.lockableId);
    requireRepoPermission(ctx, repo, "triage");
    setLock(ctx.hub, issue, false);
    return {
      clientMutationId: input.clientMutationId,
      unlockedRecord: new IssueNode(ctx, issueById(ctx.hub.db, issue.id)!),
    };
  },
};
