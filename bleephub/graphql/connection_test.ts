import assert from "node:assert/strict";
import { connection } from "./connection.ts";

Deno.test("relay connections page forwards and backwards with opaque cursors", () => {
  const items = [1, 2, 3, 4, 5];
  const first = connection(items, { first: 2 });
  assert.deepEqual(first.nodes, [1, 2]);
  assert.equal(first.totalCount, 5);
  assert.equal(first.pageInfo.hasNextPage, true);
  assert.equal(first.pageInfo.hasPreviousPage, false);
  const second = connection(items, { first: 2, after: first.pageInfo.endCursor });
  assert.deepEqual(second.nodes, [3, 4]);
  assert.equal(second.pageInfo.hasPreviousPage, true);
  const last = connection(items, { last: 2 });
  assert.deepEqual(last.nodes, [4, 5]);
  const before = connection(items, { last: 2, before: last.pageInfo.startCursor });
  assert.deepEqual(before.nodes, [2, 3]);
  assert.deepEqual(connection([], { first: 3 }).pageInfo, {
    hasNextPage: false,
    hasPreviousPage: false,
    startCursor: null,
    endCursor: null,
  });
});

Deno.test("relay connections refuse GitHub's out-of-range page sizes and bad cursors", () => {
  assert.throws(() => connection([1], { first: 101 }), /exceeds the `first` limit of 100/);
  assert.throws(() => connection([1], { after: "bm9wZQ" }), /does not appear to be a valid cursor/);
});
