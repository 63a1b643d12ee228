/**
 * The memory backend's container API through the real docker CLI 28: the acceptance list of the
 * "Memory backend" issue (run, streams, exec, cp, lifecycle verbs, top, stats, diff, export, ps,
 * inspect, conflicts, TTYs, parallel runs), plus raw requests where the CLI hides the contract.
 */
import assert from "node:assert/strict";
import { docker, rawRequest, type RunningTestDaemon, startTestDaemon } from "./harness.ts";

/** Runs docker and insists on success; returns stdout. */
async function ok(daemon: RunningTestDaemon, args: string[], stdin?: string): Promise<string> {
  const out = await docker(daemon, args, { stdin });
  assert.equal(out.code, 0, `docker ${args.join(" ")}: ${out.stderr}`);
  return out.stdout;
}

/** Reads lines of a child's stdout, calling `onLine` as each one arrives. */
async function eachLine(
  stream: ReadableStream<Uint8Array>,
  onLine: (line: string) => Promise<void>,
) {
  let buffered = "";
  for await (const text of stream.pipeThrough(new TextDecoderStream())) {
    buffered += text;
    let cut;
    while ((cut = buffered.indexOf("\n")) >= 0) {
      await onLine(buffered.slice(0, cut));
      buffered = buffered.slice(cut + 1);
    }
  }
}

Deno.test("the docker CLI runs containers on the memory backend", async (t) => {
  const started = Math.floor(Date.now() / 1000);
  const daemon = await startTestDaemon();
  const temp = await Deno.makeTempDir({ prefix: "sockerless-cp-" });
  try {
    await t.step("run --rm echo hi prints exactly hi", async () => {
      // The first run pulls (the built-in image stands in, loudly, on stderr).
      const out = await docker(daemon, ["run", "--rm", "alpine", "echo", "hi"]);
      assert.equal(out.code, 0, out.stderr);
      assert.equal(out.stdout, "hi\n");
    });

    await t.step("exit statuses propagate and stderr stays apart", async () => {
      const failed = await docker(daemon, ["run", "--rm", "alpine", "sh", "-c", "exit 3"]);
      assert.equal(failed.code, 3);
      const split = await docker(daemon, [
        "run",
        "--rm",
        "alpine",
        "sh",
        "-c",
        "echo out; echo err >&2",
      ]);
      assert.deepEqual([split.code, split.stdout, split.stderr], [0, "out\n", "err\n"]);
    });

    await t.step("stdin reaches run -i", async () => {
      assert.equal(await ok(daemon, ["run", "-i", "--rm", "alpine", "cat"], "abc\n"), "abc\n");
    });

    await t.step("run -t gives a terminal's output", async () => {
      assert.equal(await ok(daemon, ["run", "-t", "--rm", "alpine", "echo", "hi"]), "hi\r\n");
    });

    await t.step("logs -f streams lines while the container still runs", async () => {
      const script = "for i in 1 2 3 4; do echo line $i; sleep 1; done";
      const id = (await ok(daemon, ["run", "-d", "--name", "ticker", "alpine", "sh", "-c", script]))
        .trim();
      const child = new Deno.Command("docker", {
        args: ["logs", "-f", id],
        env: daemon.env,
        stdout: "piped",
        stderr: "null",
      }).spawn();
      const lines: string[] = [];
      const runningAtLine: string[] = [];
      await eachLine(child.stdout, async (line) => {
        lines.push(line);
        if (lines.length === 1) {
          runningAtLine.push(
            (await ok(daemon, ["inspect", "-f", "{{.State.Running}}", id])).trim(),
          );
        }
      });
      await child.status;
      assert.deepEqual(lines, ["line 1", "line 2", "line 3", "line 4"]);
      // The first line arrived while the container was still printing the others.
      assert.deepEqual(runningAtLine, ["true"]);
      assert.equal((await ok(daemon, ["wait", id])).trim(), "0");
    });

    await t.step("exec with and without -i and -t, with exit statuses", async () => {
      await ok(daemon, ["run", "-d", "--name", "box", "alpine", "sleep", "1000"]);
      const status = await docker(daemon, ["exec", "box", "sh", "-c", "exit 5"]);
      assert.equal(status.code, 5);
      assert.equal(await ok(daemon, ["exec", "-i", "box", "cat"], "foo\n"), "foo\n");
      assert.equal(await ok(daemon, ["exec", "-t", "box", "echo", "tty"]), "tty\r\n");
      const missing = await docker(daemon, ["exec", "box", "no-such-command"]);
      assert.equal(missing.code, 127);
    });

    await t.step("cp in and out of a running container", async () => {
      await Deno.writeTextFile(`${temp}/in.txt`, "hello\n");
      await Deno.mkdir(`${temp}/tree/sub`, { recursive: true });
      await Deno.writeTextFile(`${temp}/tree/sub/deep.txt`, "deep\n");
      await ok(daemon, ["cp", `${temp}/in.txt`, "box:/root/"]);
      await ok(daemon, ["cp", `${temp}/tree`, "box:/opt/tree"]);
      assert.equal(await ok(daemon, ["exec", "box", "cat", "/root/in.txt"]), "hello\n");
      assert.equal(await ok(daemon, ["exec", "box", "cat", "/opt/tree/sub/deep.txt"]), "deep\n");
      await ok(daemon, ["exec", "box", "sh", "-c", "echo made > /tmp/made.txt"]);
      await ok(daemon, ["cp", "box:/tmp/made.txt", `${temp}/out.txt`]);
      assert.equal(await Deno.readTextFile(`${temp}/out.txt`), "made\n");
      await ok(daemon, ["cp", "box:/opt/tree", `${temp}/back`]);
      assert.equal(await Deno.readTextFile(`${temp}/back/sub/deep.txt`), "deep\n");
      const missing = await docker(daemon, ["cp", "box:/no/such/file", `${temp}/x`]);
      assert.notEqual(missing.code, 0);
      assert.match(missing.stderr, /Could not find the file \/no\/such\/file/);
    });

    await t.step("cp in and out of a created container, then start it", async () => {
      await ok(daemon, ["create", "--name", "fresh", "alpine", "cat", "/in.txt"]);
      await ok(daemon, ["cp", `${temp}/in.txt`, "fresh:/in.txt"]);
      await ok(daemon, ["cp", "fresh:/in.txt", `${temp}/fresh.txt`]);
      assert.equal(await Deno.readTextFile(`${temp}/fresh.txt`), "hello\n");
      assert.equal(await ok(daemon, ["start", "-a", "fresh"]), "hello\n");
    });

    await t.step(
      "top, stats, diff and export see the container's processes and files",
      async () => {
        const top = await ok(daemon, ["top", "box"]);
        assert.match(top, /^UID\s+PID\s+PPID\s+C\s+STIME\s+TTY\s+TIME\s+CMD\n/);
        assert.match(top, /\nroot\s+1\s+0\s+0\s+\d\d:\d\d\s+\?\s+00:00:00\s+sleep 1000\n/);
        const stats = await ok(daemon, [
          "stats",
          "--no-stream",
          "--format",
          "{{.Name}} {{.PIDs}} {{.NetIO}}",
          "box",
        ]);
        assert.equal(stats.trim(), "box 1 0B / 0B");
        const diff = (await ok(daemon, ["diff", "box"])).trim().split("\n");
        for (const change of ["C /tmp", "A /tmp/made.txt", "A /opt/tree/sub/deep.txt"]) {
          assert.ok(diff.includes(change), `${change} in ${diff.join(", ")}`);
        }
        const exported = await new Deno.Command("sh", {
          args: ["-c", "docker export box | tar t"],
          env: daemon.env,
        }).output();
        assert.equal(exported.code, 0, new TextDecoder().decode(exported.stderr));
        const names = new TextDecoder().decode(exported.stdout).split("\n");
        for (const name of ["etc/passwd", "tmp/made.txt", "root/in.txt", "proc/"]) {
          assert.ok(names.includes(name), `${name} in the export`);
        }
      },
    );

    await t.step("stats streams one sample a second until the client goes away", async () => {
      const conn = await Deno.connect({ transport: "unix", path: daemon.socket });
      const request = "GET /v1.44/containers/box/stats HTTP/1.1\r\nHost: d\r\n\r\n";
      await conn.write(new TextEncoder().encode(request));
      let text = "";
      const decoder = new TextDecoder();
      const buffer = new Uint8Array(65536);
      const samples = () => text.split(/\r?\n/).filter((line) => line.startsWith('{"name"'));
      while (samples().length < 2) {
        const n = await conn.read(buffer);
        if (n === null) break;
        text += decoder.decode(buffer.subarray(0, n), { stream: true });
      }
      // Going away mid-stream must end the daemon's sampling, not the daemon.
      conn.close();
      assert.match(text, /^HTTP\/1\.1 200 OK\r\n/);
      const [first, second] = samples().map((line) => JSON.parse(line));
      assert.equal(first.preread, "0001-01-01T00:00:00Z");
      assert.equal(second.preread, first.read);
      assert.ok(Date.parse(second.read) > Date.parse(first.read));
      assert.deepEqual(second.pids_stats, { current: 1 });
      assert.ok(daemon.alive());
    });

    await t.step("top on a stopped container and pause are refused plainly", async () => {
      const top = await docker(daemon, ["top", "ticker"]);
      assert.notEqual(top.code, 0);
      assert.match(top.stderr, /is not running/);
      const pause = await docker(daemon, ["pause", "box"]);
      assert.notEqual(pause.code, 0);
      assert.match(pause.stderr, /memory backend: pause is not supported/);
    });

    await t.step("wait, stop, kill -s and restart", async () => {
      await ok(daemon, ["run", "-d", "--name", "seven", "alpine", "sh", "-c", "sleep 1; exit 7"]);
      assert.equal((await ok(daemon, ["wait", "seven"])).trim(), "7");
      await ok(daemon, ["run", "-d", "--name", "sleeper", "alpine", "sleep", "1000"]);
      // pid 1 has no SIGTERM handler, so the stop ends in SIGKILL after the timeout.
      await ok(daemon, ["stop", "-t", "1", "sleeper"]);
      assert.equal(
        (await ok(daemon, ["inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", "sleeper"]))
          .trim(),
        "exited 137",
      );
      const trap = 'trap "echo got USR1; exit 0" USR1; while true; do sleep 0.1; done';
      await ok(daemon, ["run", "-d", "--name", "trapper", "alpine", "sh", "-c", trap]);
      await ok(daemon, ["exec", "trapper", "true"]);
      await ok(daemon, ["kill", "-s", "USR1", "trapper"]);
      assert.equal((await ok(daemon, ["wait", "trapper"])).trim(), "0");
      assert.equal(await ok(daemon, ["logs", "trapper"]), "got USR1\n");
      await ok(daemon, ["restart", "-t", "0", "sleeper"]);
      assert.equal(
        (await ok(daemon, ["inspect", "-f", "{{.State.Running}} {{.RestartCount}}", "sleeper"]))
          .trim(),
        "true 1",
      );
    });

    await t.step("rename, ps filters and formats, inspect templates, name conflicts", async () => {
      await ok(daemon, ["rename", "sleeper", "renamed"]);
      const ps = await ok(daemon, [
        "ps",
        "-a",
        "--filter",
        "name=renamed",
        "--filter",
        "status=running",
        "--format",
        "{{.Names}}|{{.Command}}",
      ]);
      assert.equal(ps, 'renamed|"sleep 1000"\n');
      const exited = await ok(daemon, [
        "ps",
        "-a",
        "--filter",
        "exited=7",
        "--format",
        "{{.Names}} {{.Status}}",
      ]);
      assert.match(exited, /^seven Exited \(7\) .* ago\n$/);
      const inspect = await ok(daemon, [
        "inspect",
        "-f",
        "{{.State.Status}}|{{json .Config.Cmd}}|{{.HostConfig.NetworkMode}}|{{.Name}}",
        "renamed",
      ]);
      assert.equal(inspect, 'running|["sleep","1000"]|default|/renamed\n');
      const conflict = await docker(daemon, ["run", "--name", "renamed", "alpine", "true"]);
      assert.equal(conflict.code, 125);
      assert.match(conflict.stderr, /The container name "\/renamed" is already in use/);
    });

    await t.step("update changes the restart policy and refuses limits by name", async () => {
      const script = "sleep 1; exit 1";
      await ok(daemon, ["run", "-d", "--name", "flaky", "alpine", "sh", "-c", script]);
      assert.equal(await ok(daemon, ["update", "--restart", "on-failure:2", "flaky"]), "flaky\n");
      assert.equal(
        (await ok(daemon, ["inspect", "-f", "{{json .HostConfig.RestartPolicy}}", "flaky"])).trim(),
        '{"Name":"on-failure","MaximumRetryCount":2}',
      );
      // The new policy governs the next exits: two restarts, then it stays exited.
      const wanted = "exited 1 2";
      let seen = "";
      for (let i = 0; i < 100 && seen !== wanted; i++) {
        await new Promise((r) => setTimeout(r, 100));
        const format = "{{.State.Status}} {{.State.ExitCode}} {{.RestartCount}}";
        seen = (await ok(daemon, ["inspect", "-f", format, "flaky"])).trim();
      }
      assert.equal(seen, wanted);
      const memory = await docker(daemon, ["update", "--memory", "64m", "flaky"]);
      assert.notEqual(memory.code, 0);
      assert.match(memory.stderr, /memory backend: Memory cannot be updated/);
    });

    await t.step("a resize reaches a TTY container's shell as SIGWINCH", async () => {
      const script = 'trap "echo winch" WINCH; while true; do sleep 0.1; done';
      const id = (await ok(daemon, ["run", "-d", "-t", "alpine", "sh", "-c", script])).trim();
      await ok(daemon, ["exec", id, "true"]);
      const reply = await rawRequest(
        daemon.socket,
        `POST /v1.44/containers/${id}/resize?h=40&w=100 HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n`,
      );
      assert.match(reply, /^HTTP\/1\.1 200 /);
      let logs = "";
      for (let i = 0; i < 50 && !logs.includes("winch"); i++) {
        await new Promise((r) => setTimeout(r, 100));
        logs = await ok(daemon, ["logs", id]);
      }
      assert.equal(logs, "winch\r\n");
      await ok(daemon, ["rm", "-f", id]);
    });

    await t.step("archive HEAD answers the path stat header", async () => {
      const reply = await rawRequest(
        daemon.socket,
        "HEAD /v1.44/containers/box/archive?path=/root/in.txt HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n",
      );
      assert.match(reply, /^HTTP\/1\.1 200 /);
      const header = /X-Docker-Container-Path-Stat: (\S+)/i.exec(reply)?.[1] ?? "";
      const stat = JSON.parse(atob(header));
      assert.deepEqual([stat.name, stat.size, stat.mode & 0o777, stat.linkTarget], [
        "in.txt",
        6,
        0o644,
        "",
      ]);
    });

    await t.step("cp and export are in the event log", async () => {
      const out = await ok(daemon, [
        "events",
        "--since",
        String(started),
        "--until",
        String(Math.ceil(Date.now() / 1000)),
        "--filter",
        "container=box",
        "--format",
        "{{.Action}}",
      ]);
      const actions = new Set(out.trim().split("\n"));
      for (const action of ["extract-to-dir", "archive-path", "export"]) {
        assert.ok(actions.has(action), `${action} in ${[...actions].join(", ")}`);
      }
    });

    await t.step("rm -f a running container, then prune the stopped ones", async () => {
      await ok(daemon, ["rm", "-f", "renamed"]);
      const gone = await docker(daemon, ["inspect", "renamed"]);
      assert.notEqual(gone.code, 0);
      const pruned = await ok(daemon, ["container", "prune", "-f"]);
      assert.match(pruned, /^Deleted Containers:\n/);
      assert.match(pruned, /Total reclaimed space: /);
      const left = await ok(daemon, ["ps", "-a", "--format", "{{.Names}}"]);
      assert.equal(left, "box\n");
    });

    await t.step("system df counts images and containers", async () => {
      const df = await ok(daemon, [
        "system",
        "df",
        "--format",
        "{{.Type}} {{.TotalCount}} {{.Active}}",
      ]);
      assert.match(df, /^Images 1 1\nContainers 1 1\n/);
    });

    await t.step("20 parallel run --rm all print their own line", async () => {
      const runs = await Promise.all(
        Array.from(
          { length: 20 },
          (_, i) => docker(daemon, ["run", "--rm", "alpine", "echo", `n${i}`]),
        ),
      );
      runs.forEach((out, i) =>
        assert.deepEqual([out.code, out.stdout], [0, `n${i}\n`], out.stderr)
      );
      const left = await ok(daemon, ["ps", "-a", "--format", "{{.Names}}"]);
      assert.equal(left, "box\n");
    });

    await ok(daemon, ["rm", "-f", "box"]);
  } finally {
    await daemon.stop();
    await Deno.remove(temp, { recursive: true });
  }
});
