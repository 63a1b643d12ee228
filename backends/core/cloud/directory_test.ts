import assert from "node:assert/strict";
import { NotFound } from "../errors.ts";
import { CloudDirectory, findContainer } from "./directory.ts";
import { type TestContainer, testContainer } from "./test_container.ts";

const all = [
  testContainer("abc1" + "0".repeat(60), "web"),
  testContainer("abc2" + "0".repeat(60), "abc1"),
  testContainer("def0" + "0".repeat(60), "db"),
];

Deno.test("a reference resolves by id, then name, then a unique id prefix", () => {
  assert.equal(findContainer(all, all[2].id).name, "db");
  assert.equal(findContainer(all, "/web").id, all[0].id);
  // A name wins over an id prefix, as in Docker.
  assert.equal(findContainer(all, "abc1").name, "abc1");
  assert.equal(findContainer(all, "def").name, "db");
  assert.throws(() => findContainer(all, "abc"), NotFound);
  assert.throws(() => findContainer(all, ""), /No such container: /);
});

Deno.test("a directory looks up over a fresh scan each time", async () => {
  let scans = 0;
  const directory = new class extends CloudDirectory<TestContainer> {
    all() {
      scans++;
      return Promise.resolve(all);
    }
  }();
  assert.equal((await directory.get("db")).id, all[2].id);
  await assert.rejects(directory.get("nope"), NotFound);
  assert.equal(scans, 2);
});
