/** e2e steps for bleephub: labels and issues. */
import assert from "node:assert/strict";
import { run } from "./harness.ts";
import type { Scenario } from "./scenario.ts";

/** gh label */
export async function labels(s: Scenario): Promise<void> {
  const { R, gh } = s;
  await gh(
    "label",
    "create",
    "bug",
    ...R,
    "--color",
    "d73a4a",
    "--description",
    "Something is broken",
  );
  assert.match(await gh("label", "list", ...R), /bug\s+Something is broken\s+#d73a4a/);
}

/** gh issue create, list, view, comment, close, reopen, edit */
export async function issues(s: Scenario): Promise<void> {
  const { R, gh } = s;
  const url = await gh(
    "issue",
    "create",
    ...R,
    "-t",
    "Broken thing",
    "-b",
    "It is broken",
    "-l",
    "bug",
  );
  assert.match(url, /\/admin\/demo\/issues\/1\n/);
  assert.match(await gh("issue", "list", ...R), /^1\tOPEN\tBroken thing\tbug/m);
  await gh("issue", "comment", "1", ...R, "-b", "me too");
  await gh("issue", "close", "1", ...R);
  assert.equal(
    JSON.parse(await gh("api", "repos/admin/demo/issues/1")).state_reason,
    "completed",
  );
  assert.equal(await gh("issue", "list", ...R), "");
  await gh("issue", "reopen", "1", ...R);
  await gh("issue", "edit", "1", ...R, "--title", "Still broken", "--body", "New body");
  const view = await gh("issue", "view", "1", ...R, "--comments");
  assert.match(view, /me too/);
  const json = JSON.parse(
    await gh("issue", "view", "1", ...R, "--json", "title,body,state,labels"),
  );
  assert.deepEqual(json, {
    title: "Still broken",
    body: "New body",
    state: "OPEN",
    labels: [{
      id: json.labels[0].id,
      name: "bug",
      description: "Something is broken",
      color: "d73a4a",
    }],
  });
}

/** gh issue lock, unlock and delete */
export async function issueLockDelete(s: Scenario): Promise<void> {
  const { env, R, gh } = s;
  const url = await gh("issue", "create", ...R, "-t", "Temporary", "-b", "to be deleted");
  const number = url.trim().split("/").at(-1)!;
  await gh("issue", "lock", number, ...R);
  assert.equal(await gh("api", `repos/admin/demo/issues/${number}`, "--jq", ".locked"), "true\n");
  await gh("issue", "unlock", number, ...R);
  assert.equal(await gh("api", `repos/admin/demo/issues/${number}`, "--jq", ".locked"), "false\n");
  await gh("issue", "delete", number, ...R, "--yes");
  const gone = await run("gh", ["issue", "view", number, ...R], env);
  assert.notEqual(gone.code, 0);
  assert.match(
    gone.stderr,
    new RegExp(`Could not resolve to an issue or pull request with the number of ${number}`),
  );
}
