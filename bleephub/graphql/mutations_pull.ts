/** GraphQL mutations on pull requests: create, update, close/reopen, merge, review, draft. */
import type { GqlContext } from "./context.ts";
import { GqlError, guarded, issueFromId, repoFromId, requireRepoPermission } from "./lookup.ts";
import { IssueNode } from "./issue_node.ts";
import { ReviewNode } from "./pull_details.ts";
import { createPull, freezeHeads, type MergeMethod, mergePull } from "../pulls.ts";
import { updateIssue } from "../issues.ts";
import { createReview } from "../reviews.ts";
import { issueById } from "../store/issues.ts";

type Input<T> = { input: T & { clientMutationId?: string } };

function pullFromId(ctx: GqlContext, id: string) {
  const found = issueFromId(ctx, id);
  if (!found.issue.is_pull) {
    throw new GqlError(
      "NOT_FOUND",
      `Could not resolve to a PullRequest with the global id of '${id}'.`,
    );
  }
  return found;
}

export const pullMutations = {
  createPullRequest: async (
    { input }: Input<
      {
        repositoryId: string;
        baseRefName: string;
        headRefName: string;
        title: string;
        body?: string;
        draft?: boolean;
      }
    >,
    ctx: GqlContext,
  ) => {
    const repo = repoFromId(ctx, input.repositoryId);
    requireRepoPermission(ctx, repo, "write");
    const pr = await guarded(() =>
      createPull(ctx.hub, repo, ctx.viewer, {
        title: input.title,
        body: input.body,
        head: input.headRefName,
        base: input.baseRefName,
        draft: input.draft,
      })
    );
    return { clientMutationId: input.clientMutationId, pullRequest: new IssueNode(ctx, pr) };
  },
  updatePullRequest: async (
    { input }: Input<
      { pullRequestId: string; title?: string; body?: string; baseRefName?: string; state?: string }
    >,
    ctx: GqlContext,
  ) => {
    const { issue, repo } = pullFromId(ctx, input.pullRequestId);
    requireRepoPermission(ctx, repo, issue.user_id === ctx.viewer.id ? "read" : "triage");
    if (input.baseRefName) {
      ctx.hub.db.prepare("UPDATE issues SET base_ref = ? WHERE id = ?").run(
        input.baseRefName,
        issue.id,
      );
    }
    const updated = await guarded(() =>
      updateIssue(ctx.hub, repo, ctx.viewer, issueById(ctx.hub.db, issue.id)!, {
        title: input.title,
        body: input.body,
        state: input.state ? (input.state.toLowerCase() as "open" | "closed") : undefined,
      })
    );
    return { clientMutationId: input.clientMutationId, pullRequest: new IssueNode(ctx, updated) };
  },
  closePullRequest: async ({ input }: Input<{ pullRequestId: string }>, ctx: GqlContext) => {
    const { issue, repo } = pullFromId(ctx, input.pullRequestId);
    requireRepoPermission(ctx, repo, issue.user_id === ctx.viewer.id ? "read" : "triage");
    await freezeHeads(ctx.hub, issue);
    const updated = await guarded(() =>
      updateIssue(ctx.hub, repo, ctx.viewer, issue, { state: "closed" })
    );
    return { clientMutationId: input.clientMutationId, pullRequest: new IssueNode(ctx, updated) };
  },
  reopenPullRequest: async ({ input }: Input<{ pullRequestId: string }>, ctx: GqlContext) => {
    const { issue, repo } = pullFromId(ctx, input.pullRequestId);
    requireRepoPermission(ctx, repo, issue.user_id === ctx.viewer.id ? "read" : "triage");
    const updated = await guarded(() =>
      updateIssue(ctx.hub, repo, ctx.viewer, issue, { state: "open" })
    );
    return { clientMutationId: input.clientMutationId, pullRequest: new IssueNode(ctx, updated) };
  },
  mergePullRequest: async (
    { input }: Input<
      {
        pullRequestId: string;
        mergeMethod?: string;
        commitHeadline?: string;
        commitBody?: string;
        expectedHeadOid?: string;
      }
    >,
    ctx: GqlContext,
  ) => {
    const { issue, repo } = pullFromId(ctx, input.pullRequestId);
    requireRepoPermission(ctx, repo, "write");
    const merged = await guarded(() =>
      mergePull(ctx.hub, issue, ctx.viewer, {
        method: (input.mergeMethod?.toLowerCase() ?? "merge") as MergeMethod,
        title: input.commitHeadline,
        message: input.commitBody,
        sha: input.expectedHeadOid,
      })
    );
    return { clientMutationId: input.clientMutationId, pullRequest: new IssueNode(ctx, merged) };
  },
  addPullRequestReview: async (
    { input }: Input<{ pullRequestId: string; event?: string; body?: string }>,
    ctx: GqlContext,
  ) => {
    const { issue, repo } = pullFromId(ctx, input.pullRequestId);
    requireRepoPermission(ctx, repo, "read");
    if (!input.event) {
      throw new GqlError("UNPROCESSABLE", "bleephub does not keep pending reviews: give an event");
    }
    const review = await guarded(() =>
      createReview(ctx.hub, repo, ctx.viewer, issue, input.event!, input.body ?? null)
    );
    return {
      clientMutationId: input.clientMutationId,
      pullRequestReview: new ReviewNode(ctx, review),
    };
  },
  markPullRequestReadyForReview: (
    { input }: Input<{ pullRequestId: string }>,
    ctx: GqlContext,
  ) => {
    const { issue, repo } = pullFromId(ctx, input.pullRequestId);
    requireRepoPermission(ctx, repo, "write");
    ctx.hub.db.prepare("UPDATE issues SET draft = 0 WHERE id = ?").run(issue.id);
    return {
      clientMutationId: input.clientMutationId,
      pullRequest: new IssueNode(ctx, issueById(ctx.hub.db, issue.id)!),
    };
  },
  convertPullRequestToDraft: (
    { input }: Input<{ pullRequestId: string }>,
    ctx: GqlContext,
  ) => {
    const { issue, repo } = pullFromId(ctx, input.pullRequestId);
    requireRepoPermission(ctx, repo, "write");
    ctx.hub.db.prepare("UPDATE issues SET draft = 1 WHERE id = ?").run(issue.id);
    return {
      clientMutationId: input.clientMutationId,
      pullRequest: new IssueNode(ctx, issueById(ctx.hub.db, issue.id)!),
    };
  },
};
