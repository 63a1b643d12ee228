import assert from "node:assert/strict";
import { parseDockerfile } from "./dockerfile_parser.ts";

Deno.test("continuations, comments inside them, case and flags", () => {
  const { instructions } = parseDockerfile(
    "# a comment\nfrom busybox AS base\nRUN echo a \\\n# inside\n  b\nCOPY --chown=1:2 --from=base a b\n",
  );
  assert.deepEqual(instructions.map((i) => [i.name, i.line]), [["from", 2], ["run", 3], [
    "copy",
    6,
  ]]);
  assert.equal(instructions[1].args, "echo a   b");
  assert.deepEqual(instructions[2].flags, [{ name: "chown", value: "1:2" }, {
    name: "from",
    value: "base",
  }]);
  assert.equal(instructions[2].args, "a b");
});

Deno.test("the JSON form only when it is an array of strings", () => {
  const { instructions } = parseDockerfile('CMD ["sh", "-c", "echo"]\nCMD [1]\nCMD [oops\n');
  assert.deepEqual(instructions[0].json, ["sh", "-c", "echo"]);
  assert.equal(instructions[1].json, undefined);
  assert.equal(instructions[2].json, undefined);
});

Deno.test("an unknown instruction names its line", () => {
  assert.throws(
    () => parseDockerfile("FROM busybox\n\nRUNN echo\n"),
    /dockerfile parse error on line 3: unknown instruction: RUNN/,
  );
});

Deno.test("the escape directive changes the continuation character", () => {
  const { instructions, escape } = parseDockerfile("# escape=`\nFROM x\nRUN a `\n  b\n");
  assert.equal(escape, "`");
  assert.equal(instructions[1].args, "a   b");
});
