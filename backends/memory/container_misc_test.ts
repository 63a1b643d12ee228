import assert from "node:assert/strict";
import { Conflict, InvalidParameter, NotImplemented } from "../core/errors.ts";
import type { ContainerStats } from "../core/protocol_container_fs.ts";
import { statsReaders } from "./container_stats.ts";
import { startTestBackend } from "./container_test_backend.ts";

const sleeper = ["sleep", "1000"];

Deno.test("pause is refused naming the backend; unpause finds nothing paused", async () => {
  const backend = await startTestBackend();
  try {
    const { handlers } = backend;
    const created = await backend.container(sleeper);
    await assert.rejects(async () => await handlers["container.pause"]({ id: created }), Conflict);
    const running = await backend.container(sleeper, { start: true });
    await assert.rejects(
      async () => await handlers["container.pause"]({ id: running }),
      (e: Error) => e instanceof NotImplemented && /memory backend: pause/.test(e.message),
    );
    await assert.rejects(
      async () => await handlers["container.unpause"]({ id: running }),
      /is not paused/,
    );
  } finally {
    await backend.close();
  }
});

Deno.test("update accepts the CLI's zeros, stores a restart policy, refuses limits", async () => {
  const backend = await startTestBackend();
  try {
    const { handlers } = backend;
    const id = await backend.container(sleeper);
    const zeros = {
      CpuShares: 0,
      Memory: 0,
      BlkioWeightDevice: null,
      Ulimits: [],
      PidsLimit: null,
    };
    const reply = await handlers["container.update"]({
      id,
      body: { ...zeros, RestartPolicy: { Name: "on-failure", MaximumRetryCount: 4 } },
    });
    assert.deepEqual(reply, { Warnings: [] });
    const inspect = await handlers["container.inspect"]({ id, size: false });
    assert.deepEqual(inspect.HostConfig.RestartPolicy, {
      Name: "on-failure",
      MaximumRetryCount: 4,
    });
    await assert.rejects(
      async () => await handlers["container.update"]({ id, body: { Memory: 1 << 26 } }),
      (e: Error) => e instanceof NotImplemented && /Memory cannot be updated/.test(e.message),
    );
    await assert.rejects(
      async () =>
        await handlers["container.update"]({
          id,
          body: { RestartPolicy: { Name: "always", MaximumRetryCount: 2 } },
        }),
      InvalidParameter,
    );
    const autoRemove = await backend.container(sleeper, {
      body: { HostConfig: { AutoRemove: true } },
    });
    await assert.rejects(
      async () =>
        await handlers["container.update"]({
          id: autoRemove,
          body: { RestartPolicy: { Name: "always" } },
        }),
      /AutoRemove is enabled/,
    );
  } finally {
    await backend.close();
  }
});

Deno.test("resize wants a running container and sane sizes", async () => {
  const backend = await startTestBackend();
  try {
    const { handlers } = backend;
    const created = await backend.container(sleeper, { body: { Tty: true } });
    await assert.rejects(
      async () => await handlers["container.resize"]({ id: created, height: 24, width: 80 }),
      Conflict,
    );
    await handlers["container.start"]({ id: created });
    await handlers["container.resize"]({ id: created, height: 24, width: 80 });
    await assert.rejects(
      async () => await handlers["container.resize"]({ id: created, height: -1, width: 80 }),
      InvalidParameter,
    );
    await assert.rejects(
      async () => await handlers["exec.resize"]({ id: "nope", height: 1, width: 1 }),
      /No such exec instance: nope/,
    );
  } finally {
    await backend.close();
  }
});

Deno.test("prune removes stopped containers matching the filters and counts their layers", async () => {
  const backend = await startTestBackend();
  try {
    const { handlers } = backend;
    const write = ["sh", "-c", "printf 12345 > /five"];
    const keep = await backend.container(write, { body: { Labels: { keep: "yes" } } });
    const drop = await backend.container(write, { body: { Labels: { keep: "no" } } });
    const running = await backend.container(sleeper, { start: true });
    for (const id of [keep, drop]) {
      const done = await handlers["container.wait"]({ id, condition: "next-exit" });
      await handlers["container.start"]({ id });
      for await (const _ of done) { /* the exit */ }
    }
    const report = await handlers["container.prune"]({ filters: { "label!": ["keep=yes"] } });
    assert.deepEqual(report, { ContainersDeleted: [drop], SpaceReclaimed: 5 });
    const left = await handlers["container.list"]({ all: true, size: false, filters: {} });
    assert.deepEqual(left.map((c) => c.Id).sort(), [keep, running].sort());
    await assert.rejects(
      async () => await handlers["container.prune"]({ filters: { status: ["exited"] } }),
      /invalid filter 'status'/,
    );
  } finally {
    await backend.close();
  }
});

Deno.test("top lists ps -ef rows and stats measures pids and the Worker heap", async () => {
  const backend = await startTestBackend();
  try {
    const { handlers } = backend;
    const id = await backend.container(["sh", "-c", "printf abc > /f; sleep 1000"], {
      start: true,
    });
    await assert.rejects(
      async () => await handlers["container.top"]({ id, psArgs: "aux" }),
      NotImplemented,
    );
    let top = await handlers["container.top"]({ id });
    for (let i = 0; i < 50 && top.Processes.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 20));
      top = await handlers["container.top"]({ id });
    }
    assert.deepEqual(top.Titles, ["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"]);
    assert.deepEqual(top.Processes.map((row) => [row[0], row[1], row[2], row[7]]), [
      ["root", "1", "0", "sh -c printf abc > /f; sleep 1000"],
      ["root", "2", "1", "sleep 1000"],
    ]);
    const samples: ContainerStats[] = [];
    for await (
      const s of await handlers["container.stats"]({ id, stream: false, oneShot: true })
    ) samples.push(s);
    assert.equal(samples.length, 1);
    assert.deepEqual(samples[0].pids_stats, { current: 2 });
    const memory = samples[0].memory_stats;
    assert.deepEqual([memory.stats, memory.limit], [{}, 1 << 30]);
    // The Worker's own heap: more than nothing, far less than the host.
    assert.ok(memory.usage! > 1 << 20 && memory.usage! < 1 << 30, `usage ${memory.usage}`);
    assert.equal(samples[0].preread, "0001-01-01T00:00:00Z");
    const stopped = await backend.container(sleeper);
    const empty: ContainerStats[] = [];
    for await (
      const s of await handlers["container.stats"]({ id: stopped, stream: false, oneShot: false })
    ) empty.push(s);
    assert.deepEqual([empty[0].read, empty[0].memory_stats], ["0001-01-01T00:00:00Z", {}]);
  } finally {
    await backend.close();
  }
});

Deno.test("a stats stream samples once a second and stops when the reader cancels", async () => {
  const backend = await startTestBackend();
  try {
    const { handlers } = backend;
    const id = await backend.container(sleeper, { start: true });
    const stream = await handlers["container.stats"]({ id, stream: true, oneShot: false });
    const reader = stream.getReader();
    const first = (await reader.read()).value!;
    const second = (await reader.read()).value!;
    assert.equal(second.preread, first.read);
    assert.ok(Date.parse(second.read) - Date.parse(first.read) >= 900);
    assert.equal(statsReaders(id), 1);
    await reader.cancel();
    assert.equal(statsReaders(id), 0);
    await handlers["container.remove"]({ id, force: true, volumes: false, link: false });
  } finally {
    await backend.close();
  }
});

Deno.test("an exec resize reaches a TTY exec as SIGWINCH", async () => {
  const backend = await startTestBackend();
  try {
    const { handlers } = backend;
    const id = await backend.container(sleeper, { start: true });
    // The action ignores later resizes first: the loop below keeps resizing until the exec ends.
    const script =
      `trap 'trap "" WINCH; echo winch; exit 0' WINCH; while true; do sleep 0.05; done`;
    const { Id: exec } = await handlers["exec.create"]({
      id,
      body: { Cmd: ["sh", "-c", script], Tty: true, AttachStdout: true },
    });
    const streams = await handlers["exec.start"]({ id: exec, detach: false, tty: true });
    // The shell installs its trap before its first sleep; resize until it answers.
    const output = (async () => {
      let text = "";
      for await (const chunk of streams!.output) text += new TextDecoder().decode(chunk.data);
      return text;
    })();
    let exited = false;
    output.then(() => exited = true);
    for (let i = 0; i < 100 && !exited; i++) {
      // Before the exec's start is under way, or after it ended, a resize is refused.
      await Promise.resolve(handlers["exec.resize"]({ id: exec, height: 30, width: 90 }))
        .catch(() => {});
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(await output, "winch\r\n");
    // The exit status travels apart from the output; wait for it to land.
    let inspect = await handlers["exec.inspect"]({ id: exec });
    for (let i = 0; i < 100 && inspect.Running; i++) {
      await new Promise((r) => setTimeout(r, 20));
      inspect = await handlers["exec.inspect"]({ id: exec });
    }
    assert.equal(inspect.ExitCode, 0);
  } finally {
    await backend.close();
  }
});
