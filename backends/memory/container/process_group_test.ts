import assert from "node:assert/strict";
import type { ProcessInfo, ProcessTable } from "../../../sandbox/mod.ts";
import { processGroup, signalGroup } from "./process_group.ts";

function table(parents: [number, number][]): ProcessTable & { killed: string[] } {
  const killed: string[] = [];
  const list = (): ProcessInfo[] =>
    parents.map(([pid, ppid]) => ({ pid, ppid, uid: 0, args: [], startedMs: 0, state: "S" }));
  return {
    killed,
    list,
    kill: (pid, signal) => {
      if (!parents.some(([p]) => p === pid)) return false;
      killed.push(`${pid}:${signal}`);
      return true;
    },
  };
}

Deno.test("processGroup: a process and all its descendants, parents first", () => {
  const t = table([[1, 0], [2, 1], [3, 2], [4, 0], [5, 1], [6, 4]]);
  assert.deepEqual(processGroup(t, 1), [1, 2, 5, 3]);
  assert.deepEqual(processGroup(t, 4), [4, 6]);
  assert.equal(signalGroup(t, 2, "SIGINT"), 2);
  assert.deepEqual(t.killed, ["2:SIGINT", "3:SIGINT"]);
});
