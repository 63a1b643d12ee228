/** bleephub driven by the official `@octokit/rest` and `@octokit/graphql` clients. */
import assert from "node:assert/strict";
import { Octokit } from "@octokit/rest";
import { graphql } from "@octokit/graphql";
import { ADMIN_TOKEN, startTestHub } from "./test_utils.ts";

Deno.test("octokit rest: repositories, contents, issues with Link pagination, pulls, statuses", async (t) => {
  const hub = await startTestHub();
  const octokit = new Octokit({ baseUrl: hub.api, auth: ADMIN_TOKEN });
  try {
    await t.step("create and read a repository", async () => {
      const { data } = await octokit.rest.repos.createForAuthenticatedUser({
        name: "kit",
        auto_init: true,
      });
      assert.equal(data.full_name, "admin/kit");
      assert.equal(data.default_branch, "main");
      const got = await octokit.rest.repos.get({ owner: "admin", repo: "kit" });
      assert.equal(got.data.permissions?.admin, true);
      const readme = await octokit.rest.repos.getReadme({ owner: "admin", repo: "kit" });
      assert.equal(
        atob((readme.data as { content: string }).content.replace(/\n/g, "")),
        "# kit\n",
      );
    });

    await t.step("contents put, update with sha, conflict without it", async () => {
      const put = await octokit.rest.repos.createOrUpdateFileContents({
        owner: "admin",
        repo: "kit",
        path: "src/a.txt",
        message: "add a",
        content: btoa("one\n"),
      });
      assert.equal(put.status, 201);
      const sha = put.data.content!.sha!;
      await assert.rejects(
        octokit.rest.repos.createOrUpdateFileContents({
          owner: "admin",
          repo: "kit",
          path: "src/a.txt",
          message: "x",
          content: btoa("two\n"),
        }),
        (e: { status: number }) => e.status === 422,
      );
      await octokit.rest.repos.createOrUpdateFileContents({
        owner: "admin",
        repo: "kit",
        path: "src/a.txt",
        message: "update a",
        content: btoa("two\n"),
        sha,
      });
      const file = await octokit.rest.repos.getContent({
        owner: "admin",
        repo: "kit",
        path: "src/a.txt",
      });
      assert.equal(atob((file.data as { content: string }).content.replace(/\n/g, "")), "two\n");
      const commits = await octokit.rest.repos.listCommits({ owner: "admin", repo: "kit" });
      assert.deepEqual(commits.data.map((c) => c.commit.message), [
        "update a",
        "add a",
        "Initial commit",
      ]);
    });

    await t.step("issues paginate through Link headers", async () => {
      for (let i = 1; i <= 7; i++) {
        await octokit.rest.issues.create({ owner: "admin", repo: "kit", title: `issue ${i}` });
      }
      const first = await octokit.rest.issues.listForRepo({
        owner: "admin",
        repo: "kit",
        per_page: 3,
      });
      assert.match(first.headers.link ?? "", /rel="next"/);
      const all = await octokit.paginate(octokit.rest.issues.listForRepo, {
        owner: "admin",
        repo: "kit",
        per_page: 3,
      });
      assert.deepEqual(all.map((i) => i.number), [7, 6, 5, 4, 3, 2, 1]);
      await octokit.rest.issues.update({
        owner: "admin",
        repo: "kit",
        issue_number: 3,
        state: "closed",
        state_reason: "not_planned",
      });
      const closed = await octokit.rest.issues.get({
        owner: "admin",
        repo: "kit",
        issue_number: 3,
      });
      assert.equal(closed.data.state_reason, "not_planned");
      await octokit.rest.issues.lock({
        owner: "admin",
        repo: "kit",
        issue_number: 2,
        lock_reason: "resolved",
      });
      assert.equal(
        (await octokit.rest.issues.get({ owner: "admin", repo: "kit", issue_number: 2 })).data
          .active_lock_reason,
        "resolved",
      );
      const found = await octokit.rest.search.issuesAndPullRequests({
        q: "repo:admin/kit is:issue is:closed",
      });
      assert.deepEqual(found.data.items.map((i) => i.number), [3]);
    });

    await t.step("a pull request from an API-made branch merges with a merge commit", async () => {
      const main = await octokit.rest.git.getRef({
        owner: "admin",
        repo: "kit",
        ref: "heads/main",
      });
      await octokit.rest.git.createRef({
        owner: "admin",
        repo: "kit",
        ref: "refs/heads/topic",
        sha: main.data.object.sha,
      });
      await octokit.rest.repos.createOrUpdateFileContents({
        owner: "admin",
        repo: "kit",
        path: "b.txt",
        message: "add b",
        content: btoa("b\n"),
        branch: "topic",
      });
      const pr = await octokit.rest.pulls.create({
        owner: "admin",
        repo: "kit",
        head: "topic",
        base: "main",
        title: "Topic",
      });
      assert.equal(pr.data.number, 8);
      const files = await octokit.rest.pulls.listFiles({
        owner: "admin",
        repo: "kit",
        pull_number: 8,
      });
      assert.deepEqual(files.data.map((f) => [f.filename, f.status, f.additions]), [[
        "b.txt",
        "added",
        1,
      ]]);
      await octokit.rest.repos.createCommitStatus({
        owner: "admin",
        repo: "kit",
        sha: pr.data.head.sha,
        state: "success",
        context: "ci",
      });
      const combined = await octokit.rest.repos.getCombinedStatusForRef({
        owner: "admin",
        repo: "kit",
        ref: "topic",
      });
      assert.equal(combined.data.state, "success");
      const merged = await octokit.rest.pulls.merge({
        owner: "admin",
        repo: "kit",
        pull_number: 8,
        merge_method: "merge",
      });
      assert.equal(merged.data.merged, true);
      const head = await octokit.rest.git.getCommit({
        owner: "admin",
        repo: "kit",
        commit_sha: merged.data.sha,
      });
      assert.equal(head.data.parents.length, 2);
      await assert.rejects(
        octokit.rest.pulls.merge({ owner: "admin", repo: "kit", pull_number: 8 }),
        (e: { status: number }) => e.status === 405,
      );
      await octokit.rest.git.createRef({
        owner: "admin",
        repo: "kit",
        ref: "refs/tags/v0.1",
        sha: merged.data.sha!,
      });
      const tags = await octokit.rest.repos.listTags({ owner: "admin", repo: "kit" });
      assert.deepEqual(tags.data.map((t) => [t.name, t.commit.sha]), [["v0.1", merged.data.sha]]);
      const cmp = await octokit.rest.repos.compareCommitsWithBasehead({
        owner: "admin",
        repo: "kit",
        basehead: `${main.data.object.sha}...main`,
      });
      assert.equal(cmp.data.status, "ahead");
      assert.deepEqual(cmp.data.files?.map((f) => f.filename), ["b.txt"]);
    });
  } finally {
    await hub.close();
  }
});

Deno.test("octokit graphql: viewer, relay pagination over issues, mutations", async () => {
  const hub = await startTestHub();
  const octokit = new Octokit({ baseUrl: hub.api, auth: ADMIN_TOKEN });
  const gql = graphql.defaults({
    baseUrl: hub.api,
    headers: { authorization: `token ${ADMIN_TOKEN}` },
  });
  try {
    const { viewer } = await gql<{ viewer: { login: string } }>("query { viewer { login } }");
    assert.equal(viewer.login, "admin");
    const created = await gql<
      { createRepository: { repository: { id: string; nameWithOwner: string } } }
    >(
      `mutation($name: String!) { createRepository(input: {name: $name, visibility: PRIVATE}) { repository { id nameWithOwner } } }`,
      { name: "gq" },
    );
    const repoId = created.createRepository.repository.id;
    assert.equal(created.createRepository.repository.nameWithOwner, "admin/gq");
    for (let i = 1; i <= 5; i++) {
      await gql(
        `mutation($r: ID!, $t: String!) { createIssue(input: {repositoryId: $r, title: $t}) { issue { number } } }`,
        { r: repoId, t: `g${i}` },
      );
    }
    const seen: number[] = [];
    let after: string | null = null;
    for (;;) {
      const page: {
        repository: {
          issues: {
            nodes: { number: number }[];
            pageInfo: { hasNextPage: boolean; endCursor: string };
          };
        };
      } = await gql(
        `query($after: String) { repository(owner: "admin", name: "gq") { issues(first: 2, after: $after, orderBy: {field: CREATED_AT, direction: ASC}) { nodes { number } pageInfo { hasNextPage endCursor } } } }`,
        { after },
      );
      seen.push(...page.repository.issues.nodes.map((n) => n.number));
      if (!page.repository.issues.pageInfo.hasNextPage) break;
      after = page.repository.issues.pageInfo.endCursor;
    }
    assert.deepEqual(seen, [1, 2, 3, 4, 5]);
    const issue = await gql<{ repository: { issue: { id: string } } }>(
      `{ repository(owner: "admin", name: "gq") { issue(number: 2) { id } } }`,
    );
    await gql(
      `mutation($id: ID!) { closeIssue(input: {issueId: $id, stateReason: NOT_PLANNED}) { issue { state } } }`,
      { id: issue.repository.issue.id },
    );
    await gql(
      `mutation($id: ID!) { addComment(input: {subjectId: $id, body: "hi"}) { subject { id } } }`,
      { id: issue.repository.issue.id },
    );
    const after2 = await octokit.rest.issues.get({ owner: "admin", repo: "gq", issue_number: 2 });
    assert.equal(after2.data.state, "closed");
    assert.equal(after2.data.state_reason, "not_planned");
    assert.equal(after2.data.comments, 1);
    // Schema validation errors come back as GraphQL errors, like GitHub's.
    await assert.rejects(
      gql("query { viewer { nope } }"),
      /Cannot query field "nope" on type "User"/,
    );
    // Introspection answers from GitHub's own schema.
    const intro = await gql<{ __type: { enumValues: { name: string }[] } }>(
      `{ __type(name: "IssueState") { enumValues { name } } }`,
    );
    assert.deepEqual(intro.__type.enumValues.map((v) => v.name), ["CLOSED", "OPEN"]);
  } finally {
    await hub.close();
  }
});
