import assert from "node:assert/strict";
import { KernelProcessTable } from "./table.ts";
import { signalName, signalNumber, signalStatus } from "./signals.ts";

Deno.test("signals: names, numbers and 128+n statuses", () => {
  assert.equal(signalNumber("TERM"), 15);
  assert.equal(signalNumber("SIGKILL"), 9);
  assert.equal(signalNumber("2"), 2);
  assert.equal(signalNumber("BOGUS"), undefined);
  assert.equal(signalName(15), "SIGTERM");
  assert.equal(signalName("int"), "SIGINT");
  assert.equal(signalStatus("SIGKILL"), 137);
  assert.equal(signalStatus("SIGTERM"), 143);
});

Deno.test("process table: pids from 1, parents, list and reaping", async () => {
  const table = new KernelProcessTable();
  const init = table.create(0, 0, ["sh"]);
  const child = table.create(init.pid, 0, ["sleep", "1"]);
  assert.equal(init.pid, 1);
  assert.equal(child.pid, 2);
  assert.deepEqual(table.list().map((p) => [p.pid, p.ppid, p.args.join(" ")]), [
    [1, 0, "sh"],
    [2, 1, "sleep 1"],
  ]);
  child.finish(0);
  await child.exited;
  await Promise.resolve();
  assert.deepEqual(table.list().map((p) => p.pid), [1]);
  assert.equal(table.kill(2, "SIGTERM"), false);
});

Deno.test("process table: pid 1 ignores default-action signals but not SIGKILL", () => {
  const table = new KernelProcessTable();
  const init = table.create(0, 0, ["sh"]);
  const other = table.create(1, 0, ["sleep"]);
  assert.equal(table.kill(1, "SIGTERM"), true);
  assert.equal(table.kill(1, "SIGINT"), true);
  assert.equal(init.controller.signal.aborted, false);
  table.kill(2, "SIGTERM");
  assert.equal(other.controller.signal.reason, "SIGTERM");
  table.kill(1, "SIGKILL");
  assert.equal(init.controller.signal.reason, "SIGKILL");
});

Deno.test("process table: handlers, ignored signals, signal 0 and default-ignored signals", () => {
  const table = new KernelProcessTable();
  table.create(0, 0, ["init"]);
  const p = table.create(1, 0, ["sh"]);
  const seen: string[] = [];
  p.dispositions.set("SIGUSR1", (s) => seen.push(s));
  p.dispositions.set("SIGHUP", "ignore");
  table.kill(p.pid, "USR1");
  table.kill(p.pid, "SIGHUP");
  table.kill(p.pid, "0");
  table.kill(p.pid, "SIGCHLD");
  assert.deepEqual(seen, ["SIGUSR1"]);
  assert.equal(p.controller.signal.aborted, false);
  table.killAll();
  assert.equal(p.controller.signal.reason, "SIGKILL");
});
