import assert from "node:assert/strict";
import { nodeId, parseNodeId } from "./node_id.ts";

Deno.test("node ids round-trip and reject what we did not mint", () => {
  assert.deepEqual(parseNodeId(nodeId("PullRequest", 42)), { type: "PullRequest", id: "42" });
  assert.deepEqual(parseNodeId(nodeId("Repository", 7)), { type: "Repository", id: "7" });
  assert.notEqual(nodeId("Issue", 1), nodeId("PullRequest", 1));
  assert.equal(parseNodeId("MDQ6VXNlcjE="), undefined);
  assert.equal(parseNodeId("ZZ_MQ"), undefined);
});
