import assert from "node:assert/strict";
import { InvalidParameter } from "../backends/core/errors.ts";
import { boolParam, intParam, timeParam } from "./query.ts";

const url = (q: string) => new URL(`http://d/x?${q}`);

Deno.test("boolParam follows moby: anything but empty/0/no/false/none is true", () => {
  assert.equal(boolParam(url("a=1"), "a"), true);
  assert.equal(boolParam(url("a=True"), "a"), true);
  assert.equal(boolParam(url("a=0"), "a"), false);
  assert.equal(boolParam(url("a="), "a", true), false);
  assert.equal(boolParam(url(""), "a", true), true);
});

Deno.test("intParam and timeParam reject what does not parse", () => {
  assert.equal(intParam(url("t=5"), "t"), 5);
  assert.equal(intParam(url("t="), "t"), undefined);
  assert.throws(() => intParam(url("t=five"), "t"), InvalidParameter);
  assert.equal(timeParam(url("since=1.5"), "since"), 1500);
  assert.throws(() => timeParam(url("since=yesterday"), "since"), InvalidParameter);
});
