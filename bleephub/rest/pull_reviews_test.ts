import assert from "node:assert/strict";
import { diffHunkAt } from "./pull_reviews.ts";
import type { GitHubError } from "../errors.ts";
import { startTestHub } from "../test_utils.ts";

const PATCH = "@@ -1,3 +1,4 @@\n one\n-two\n+TWO\n+two and a half\n three";

Deno.test("diffHunkAt cuts the hunk at the commented line on either side", () => {
  assert.equal(diffHunkAt(PATCH, 3, "RIGHT"), "@@ -1,3 +1,4 @@\n one\n-two\n+TWO\n+two and a half");
  assert.equal(diffHunkAt(PATCH, 2, "LEFT"), "@@ -1,3 +1,4 @@\n one\n-two");
  assert.throws(
    () => diffHunkAt(PATCH, 9, "RIGHT"),
    (e: GitHubError) => e.status === 422 && /must be part of the diff/.test(e.errors![0].message!),
  );
});

Deno.test("review comments land on the diff; a comment off the diff stores nothing", async () => {
  const hub = await startTestHub();
  try {
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await hub.call(method, path, body);
      return { status: res.status, body: await res.json().catch(() => null) };
    };
    await call("POST", "/user/repos", { name: "rv", auto_init: true });
    const main = (await call("GET", "/repos/admin/rv/git/ref/heads/main")).body.object.sha;
    await call("POST", "/repos/admin/rv/git/refs", { ref: "refs/heads/f", sha: main });
    await call("PUT", "/repos/admin/rv/contents/a.txt", {
      message: "a",
      content: btoa("1\n2\n3\n"),
      branch: "f",
    });
    assert.equal(
      (await call("POST", "/repos/admin/rv/pulls", { head: "f", base: "main", title: "F" })).status,
      201,
    );
    const bad = await call("POST", "/repos/admin/rv/pulls/1/reviews", {
      event: "COMMENT",
      body: "see inline",
      comments: [{ path: "a.txt", line: 7, body: "nope" }],
    });
    assert.equal(bad.status, 422);
    assert.deepEqual((await call("GET", "/repos/admin/rv/pulls/1/reviews")).body, []);
    const good = await call("POST", "/repos/admin/rv/pulls/1/comments", {
      path: "a.txt",
      line: 2,
      body: "why 2?",
    });
    assert.equal(good.status, 201);
    assert.equal(good.body.diff_hunk, "@@ -0,0 +1,3 @@\n+1\n+2");
    assert.match(good.body.html_url, /\/admin\/rv\/pull\/1#discussion_r\d+$/);
    const reply = await call("POST", "/repos/admin/rv/pulls/1/comments", {
      body: "because",
      in_reply_to: good.body.id,
    });
    assert.equal(reply.body.in_reply_to_id, good.body.id);
    assert.equal(reply.body.line, 2);
  } finally {
    await hub.close();
  }
});
