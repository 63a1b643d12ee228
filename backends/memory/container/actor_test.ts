import assert from "node:assert/strict";
import { ask, byteStream, run, startContainer } from "./test_utils.ts";
import { Conflict, DockerError, InvalidParameter } from "../../core/errors.ts";

Deno.test("container actor: sh -c output lands on the right streams and the status is 3", async () => {
  const ref = await startContainer();
  try {
    const p = await run(ref, ["sh", "-c", "echo out; echo err >&2; exit 3"]);
    assert.equal(p.pid, 1);
    assert.equal(await p.status, 3);
    await p.outputDone;
    assert.equal(p.text(1), "out\n");
    assert.equal(p.text(2), "err\n");
    assert.ok(p.chunks.every((c) => typeof c.time === "number" && c.time > 0));
  } finally {
    await ref.stop();
  }
});

Deno.test("container actor: /etc/hostname and /etc/hosts are the container's, not in changes", async () => {
  const ref = await startContainer({ hostname: "box42" });
  try {
    const p = await run(ref, ["cat", "/etc/hostname", "/etc/hosts"]);
    assert.equal(await p.status, 0);
    await p.outputDone;
    assert.match(p.text(1), /^box42\n127\.0\.0\.1\tlocalhost\n/);
    assert.match(p.text(1), /127\.0\.0\.1\tbox42\n$/);
    assert.deepEqual(await ask(ref, { type: "changes" }), []);
  } finally {
    await ref.stop();
  }
});

Deno.test("container actor: the sandbox reports the CPU count and memory it was given", async () => {
  const ref = await startContainer({ hostname: "sysbox", ncpu: 3, memTotal: 3 * 1024 ** 3 });
  try {
    const p = await run(ref, ["sh", "-c", "nproc; hostname; uname -s; cat /proc/meminfo"]);
    assert.equal(await p.status, 0);
    await p.outputDone;
    assert.match(p.text(1), /^3\nsysbox\nLinux\n/);
    assert.match(p.text(1), /^MemTotal:\s+3145728 kB$/m);
  } finally {
    await ref.stop();
  }
});

Deno.test("container actor: environment gets HOSTNAME, HOME, PATH and keeps what was given", async () => {
  const ref = await startContainer({ hostname: "envbox" });
  try {
    const p = await run(ref, ["sh", "-c", 'echo "$HOSTNAME|$HOME|$PATH|$FOO|${TERM-unset}"'], {
      env: ["FOO=bar", "FOO=baz"],
    });
    assert.equal(await p.status, 0);
    await p.outputDone;
    assert.equal(
      p.text(1),
      "envbox|/root|/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin|baz|unset\n",
    );
  } finally {
    await ref.stop();
  }
});

Deno.test("container actor: the working directory is created when missing", async () => {
  const ref = await startContainer();
  try {
    const p = await run(ref, ["sh", "-c", "pwd"], { cwd: "/srv/app/work" });
    assert.equal(await p.status, 0);
    await p.outputDone;
    assert.equal(p.text(1), "/srv/app/work\n");
    const stat = await ask(ref, { type: "archive-stat", path: "/srv/app/work" });
    assert.equal(stat.mode, 0x80000000 + 0o755);
  } finally {
    await ref.stop();
  }
});

Deno.test("container actor: stdin pipe feeds cat; EOF only when an attach asks for it", async () => {
  const ref = await startContainer();
  try {
    const p = await run(ref, ["cat"], { openStdin: true });
    await ask(ref, { type: "stdin", pid: p.pid, stream: byteStream("one\n"), closeAtEnd: false });
    await p.waitFor("one\n");
    // The first attach ended without closing stdin: cat is still running and reads the next one.
    await ask(ref, { type: "stdin", pid: p.pid, stream: byteStream("two\n"), closeAtEnd: true });
    assert.equal(await p.status, 0);
    await p.outputDone;
    assert.equal(p.text(1), "one\ntwo\n");
  } finally {
    await ref.stop();
  }
});

Deno.test("container actor: without openStdin, stdin is at EOF at once", async () => {
  const ref = await startContainer();
  try {
    const p = await run(ref, ["sh", "-c", "cat; echo done"]);
    assert.equal(await p.status, 0);
    await p.outputDone;
    assert.equal(p.text(1), "done\n");
    await assert.rejects(
      ask(ref, { type: "stdin", pid: p.pid, stream: byteStream("x"), closeAtEnd: true }),
      Conflict,
    );
  } finally {
    await ref.stop();
  }
});

Deno.test("container actor: an exec runs beside the main process with its own output and status", async () => {
  const ref = await startContainer();
  try {
    const main = await run(ref, ["sleep", "1000"]);
    const exec = await run(ref, ["sh", "-c", "echo exec $$; exit 4"], { role: "exec" });
    assert.equal(exec.pid, 2);
    assert.equal(await exec.status, 4);
    await exec.outputDone;
    assert.equal(exec.text(1), "exec 2\n");
    const top = await ask(ref, { type: "processes" });
    assert.deepEqual(top.map((p) => [p.pid, p.ppid, p.args]), [[1, 0, ["sleep", "1000"]]]);
    assert.ok(Math.abs(top[0].startedMs - Date.now()) < 60_000);
    assert.equal(main.chunks.length, 0);
    await ask(ref, { type: "signal", pid: 1, signal: "KILL" });
    assert.equal(await main.status, 137);
  } finally {
    await ref.stop();
  }
});

Deno.test("container actor: when the main process dies every other process is killed", async () => {
  const ref = await startContainer();
  try {
    const main = await run(ref, ["sleep", "1000"]);
    const exec = await run(ref, ["sh", "-c", "sleep 1000; echo survived"], { role: "exec" });
    const top = await ask(ref, { type: "processes" });
    assert.deepEqual(top.map((p) => p.pid), [1, 2, 3]);
    await ask(ref, { type: "signal", pid: 1, signal: "SIGKILL" });
    assert.equal(await main.status, 137);
    assert.equal(await exec.status, 137);
    await exec.outputDone;
    assert.equal(exec.text(), "");
    assert.deepEqual(await ask(ref, { type: "processes" }), []);
    await assert.rejects(
      run(ref, ["true"], { role: "exec" }),
      (error: Error) => error instanceof Conflict && /is not running/.test(error.message),
    );
  } finally {
    await ref.stop();
  }
});

Deno.test("container actor: pid 1 ignores SIGTERM unless it traps it", async () => {
  const ref = await startContainer();
  try {
    const sleeper = await run(ref, ["sleep", "1000"]);
    for (const signal of ["SIGTERM", "TERM", "15", "INT"]) {
      await ask(ref, { type: "signal", pid: 1, signal });
    }
    // Delivery is synchronous in the kernel: a later exec's round trip finds pid 1 still there.
    const probe = await run(ref, ["true"], { role: "exec" });
    assert.equal(await probe.status, 0);
    assert.deepEqual((await ask(ref, { type: "processes" })).map((p) => p.pid), [1]);
    await assert.rejects(
      ask(ref, { type: "signal", pid: 1, signal: "SIGBOGUS" }),
      InvalidParameter,
    );
    assert.equal(await ask(ref, { type: "signal-all", signal: "9" }), 1);
    assert.equal(await sleeper.status, 137);

    // A restart: the same filesystem, a fresh process tree whose main is pid 1 again.
    // (A statement follows `wait`: the sandbox shell as of this writing skips a trap that
    // arrives during the very last command of `sh -c`; ash runs it.)
    const trapper = await run(ref, [
      "sh",
      "-c",
      'trap "echo caught TERM; exit 7" TERM; echo ready; sleep 1000 & wait $!; echo not reached',
    ]);
    assert.equal(trapper.pid, 1);
    await trapper.waitFor("ready");
    await ask(ref, { type: "signal", pid: 1, signal: "TERM" });
    assert.equal(await trapper.status, 7);
    await trapper.outputDone;
    assert.equal(trapper.text(1), "ready\ncaught TERM\n");
  } finally {
    await ref.stop();
  }
});

Deno.test("container actor: User resolves against the container's passwd and group", async () => {
  const ref = await startContainer();
  try {
    const cases: [string, string][] = [
      ["", "0 0 /root"],
      ["nobody", "65534 65534 /"],
      ["guest", "405 100 /dev/null"],
      ["mail:wheel", "8 10 /var/mail"],
      ["1234:5678", "1234 5678 /"],
      ["0:4", "0 4 /root"],
    ];
    for (const [user, expected] of cases) {
      const p = await run(ref, ["sh", "-c", 'echo "$(id -u) $(id -g) $HOME"'], {
        user,
        role: "main",
      });
      assert.equal(await p.status, 0, user);
      await p.outputDone;
      assert.equal(p.text(1), `${expected}\n`, `User ${JSON.stringify(user)}`);
    }
    await assert.rejects(
      run(ref, ["true"], { user: "ghost" }),
      (error: Error) =>
        error instanceof DockerError && error.status === 500 &&
        error.message === "unable to find user ghost: no matching entries in passwd file",
    );
    await assert.rejects(
      run(ref, ["true"], { user: "root:ghosts" }),
      /unable to find group ghosts: no matching entries in group file/,
    );
  } finally {
    await ref.stop();
  }
});

Deno.test("container actor: a second main process while one runs is a conflict", async () => {
  const ref = await startContainer();
  try {
    const main = await run(ref, ["sleep", "1000"]);
    await assert.rejects(run(ref, ["true"]), Conflict);
    await assert.rejects(ask(ref, { type: "signal", pid: 99, signal: "TERM" }), Conflict);
    await ask(ref, { type: "signal-all", signal: "KILL" });
    assert.equal(await main.status, 137);
  } finally {
    await ref.stop();
  }
});
