/** GraphQL `Ref` and `Commit` objects read from the bare repository. */
import type { GqlContext } from "./context.ts";
import { nodeId } from "./node_id.ts";
import { connection, type ConnectionArgs } from "./connection.ts";
import type { RepositoryNode } from "./repository_node.ts";
import { gitDirFor } from "../git/storage.ts";
import { type CommitObject, readCommit, revList } from "../git/read.ts";
import { checkRunsFor, latestStatuses, rollupState } from "../git/combined_status.ts";
import { userById } from "../store/users.ts";
import { protectionOf } from "../store/protection.ts";

export class RefNode {
  readonly __typename = "Ref";
  constructor(
    readonly ctx: GqlContext,
    readonly repository: RepositoryNode,
    readonly qualifiedName: string,
    readonly sha: string,
  ) {}
  get id() {
    return nodeId("Ref", `${this.repository.row.id}:${this.qualifiedName}`);
  }
  get name() {
    return this.qualifiedName.replace(/^refs\/(heads|tags)\//, "");
  }
  get prefix() {
    return this.qualifiedName.slice(0, this.qualifiedName.length - this.name.length);
  }
  get target() {
    return new CommitNode(this.ctx, this.repository, this.sha);
  }
  associatedPullRequests = (args: ConnectionArgs) => connection([], args);
  branchProtectionRule() {
    if (!this.qualifiedName.startsWith("refs/heads/")) return null;
    const p = protectionOf(this.ctx.hub.db, this.repository.row.id, this.name);
    if (!p) return null;
    return {
      id: nodeId("Ref", `bpr:${p.repo_id}:${p.branch}`),
      pattern: p.branch,
      requiresApprovingReviews: p.required_reviews !== null,
      requiredApprovingReviewCount: p.required_reviews ?? 0,
      requiresStatusChecks: false,
      requiresStrictStatusChecks: false,
      requiredStatusCheckContexts: [],
      isAdminEnforced: p.enforce_admins === 1,
      allowsForcePushes: p.allow_force_pushes === 1,
      allowsDeletions: p.allow_deletions === 1,
      requiresCodeOwnerReviews: false,
      dismissesStaleReviews: false,
    };
  }
}

export class CommitNode {
  readonly __typename = "Commit";
  #commit?: Promise<CommitObject>;
  constructor(
    readonly ctx: GqlContext,
    readonly repository: RepositoryNode,
    readonly oid: string,
  ) {}
  get #gitDir() {
    return gitDirFor(this.ctx.hub.gitRoot, this.repository.row.id);
  }
  #load() {
    return this.#commit ??= readCommit(this.#gitDir, this.oid);
  }
  get id() {
    return nodeId("Commit", this.oid);
  }
  get abbreviatedOid() {
    return this.oid.slice(0, 7);
  }
  get url() {
    return `${this.repository.url}/commit/${this.oid}`;
  }
  get commitUrl() {
    return this.url;
  }
  async message() {
    return (await this.#load()).message.trimEnd();
  }
  async messageHeadline() {
    return (await this.#load()).message.split("\n")[0];
  }
  async messageBody() {
    return (await this.#load()).message.split("\n").slice(1).join("\n").trim();
  }
  async committedDate() {
    return (await this.#load()).committer.date;
  }
  async authoredDate() {
    return (await this.#load()).author.date;
  }
  #actor(p: { name: string; email: string; date: string }) {
    // Commits bleephub writes use `{login}@users.noreply.bleephub`, like GitHub's noreply form.
    const noreply = /^([^@]+)@users\.noreply\.bleephub$/.exec(p.email)?.[1];
    const row = this.ctx.hub.db.prepare("SELECT id FROM users WHERE email = ? OR login = ?")
      .get(p.email, noreply ?? p.name) as { id: number } | undefined;
    const user = row ? userById(this.ctx.hub.db, row.id) : undefined;
    return {
      name: p.name,
      email: p.email,
      date: p.date,
      user: user ? { login: user.login, id: nodeId("User", user.id), name: user.name } : null,
    };
  }
  async author() {
    return this.#actor((await this.#load()).author);
  }
  async committer() {
    return this.#actor((await this.#load()).committer);
  }
  async authors(args: ConnectionArgs) {
    return connection([await this.author()], args);
  }
  async parents(args: ConnectionArgs) {
    const c = await this.#load();
    return connection(c.parents.map((p) => new CommitNode(this.ctx, this.repository, p)), args);
  }
  async tree() {
    return { oid: (await this.#load()).tree };
  }
  async history(args: ConnectionArgs) {
    const shas = await revList(this.#gitDir, [this.oid], { limit: 1000 });
    return connection(shas.map((s) => new CommitNode(this.ctx, this.repository, s)), args);
  }
  #rollup() {
    const db = this.ctx.hub.db;
    const statuses = latestStatuses(db, this.repository.row.id, this.oid);
    const runs = checkRunsFor(db, this.repository.row.id, this.oid);
    const state = rollupState(statuses, runs);
    if (state === null) return null;
    const contexts = [
      ...runs.map((r) => ({
        __typename: "CheckRun",
        name: r.name,
        status: r.status.toUpperCase(),
        conclusion: r.conclusion?.toUpperCase() ?? null,
        startedAt: r.started_at,
        completedAt: r.completed_at,
        detailsUrl: r.details_url,
        checkSuite: { workflowRun: null },
        // bleephub's branch protection has no required status checks.
        isRequired: () => false,
      })),
      ...statuses.map((s) => ({
        __typename: "StatusContext",
        context: s.context,
        state: s.state.toUpperCase(),
        targetUrl: s.target_url,
        description: s.description,
        createdAt: s.created_at,
        isRequired: () => false,
      })),
    ];
    return { state, contexts: (args: ConnectionArgs) => connection(contexts, args) };
  }
  statusCheckRollup() {
    return this.#rollup();
  }
  status() {
    return this.#rollup();
  }
}
