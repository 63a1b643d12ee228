/**
 * Crash-only persistence of the memory backend through the docker CLI: a daemon is killed with
 * SIGKILL (no shutdown path runs) and started again on the same socket and `--data-root`.
 * The first kill lands on a prepared set of containers (created, exited with files and logs,
 * running with and without restart policies, --rm, a named volume, a user network); the later
 * ones land at different moments of a running workload, and everything the CLI was told must
 * still hold afterwards. A torn record file falls back to its previous good copy.
 */
import assert from "node:assert/strict";
import { docker, rawRequest, type RunningTestDaemon } from "./harness.ts";

const root = new URL("../../", import.meta.url);

/** A daemon on a fixed directory that can be SIGKILLed and started again on the same state. */
async function startOn(dir: string): Promise<RunningTestDaemon & { kill9(): Promise<void> }> {
  const socket = `${dir}/docker.sock`;
  await Deno.remove(socket).catch(() => {});
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts", "--host", `unix://${socket}`, "--data-root", `${dir}/data`],
    cwd: root,
    stdout: "null",
    stderr: "piped",
  }).spawn();
  let stderr = "";
  let exited = false;
  const status = child.status.finally(() => exited = true);
  const draining = (async () => {
    for await (const s of child.stderr.pipeThrough(new TextDecoderStream())) stderr += s;
  })();
  const deadline = Date.now() + 60_000;
  while (true) {
    if (exited) throw new Error(`daemon exited during start: ${stderr}`);
    if (Date.now() > deadline) throw new Error(`daemon did not answer within 60 s: ${stderr}`);
    const reply = await rawRequest(socket, "GET /_ping HTTP/1.1\r\nConnection: close\r\n\r\n")
      .catch(() => "");
    if (reply.startsWith("HTTP/1.1 200")) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await Deno.mkdir(`${dir}/config`, { recursive: true });
  const end = async (signal: Deno.Signal) => {
    if (!exited) child.kill(signal);
    await status;
    await draining;
  };
  return {
    dir,
    socket,
    env: {
      DOCKER_HOST: `unix://${socket}`,
      DOCKER_CONFIG: `${dir}/config`,
      DOCKER_CLI_HINTS: "false",
    },
    logs: () => stderr,
    alive: () => !exited,
    stop: () => end("SIGTERM"),
    kill9: () => end("SIGKILL"),
  };
}

async function ok(daemon: RunningTestDaemon, args: string[]): Promise<string> {
  const out = await docker(daemon, args);
  assert.equal(out.code, 0, `docker ${args.join(" ")}: ${out.stderr}`);
  return out.stdout;
}

interface Seen {
  name: string;
  status: string;
  running: boolean;
  exitCode: number;
  finishedAt: string;
  restartCount: number;
}

async function inspectAll(daemon: RunningTestDaemon): Promise<Map<string, Seen>> {
  const ids = (await ok(daemon, ["ps", "-aq", "--no-trunc"])).trim().split("\n").filter(Boolean);
  const seen = new Map<string, Seen>();
  if (!ids.length) return seen;
  for (const c of JSON.parse(await ok(daemon, ["inspect", ...ids]))) {
    seen.set(c.Name.slice(1), {
      name: c.Name.slice(1),
      status: c.State.Status,
      running: c.State.Running,
      exitCode: c.State.ExitCode,
      finishedAt: c.State.FinishedAt,
      restartCount: c.RestartCount,
    });
  }
  return seen;
}

/** Every container's state is one Docker could show: no half-running leftovers. */
function assertConsistent(seen: Map<string, Seen>): void {
  for (const c of seen.values()) {
    assert.ok(["created", "running", "exited", "restarting"].includes(c.status), c.name);
    assert.equal(c.running, c.status === "running", `${c.name}: Running vs Status`);
  }
}

Deno.test("memory backend state survives kill -9 of the daemon", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "sockerless-crash-" });
  let daemon = await startOn(dir);
  const restart = async () => {
    await daemon.kill9();
    daemon = await startOn(dir);
    assert.doesNotMatch(daemon.logs(), /restore:/, "every record was restored");
  };
  try {
    let sleeperAddress = "";
    let stoppedAddress = "";
    let killedAt = "";
    await t.step("a prepared set of containers, a volume and a network", async () => {
      await ok(daemon, ["network", "create", "appnet"]);
      await ok(daemon, ["volume", "create", "vdata"]);
      assert.equal(
        await ok(daemon, [
          "run",
          "--name",
          "writer",
          "-v",
          "vdata:/data",
          "alpine",
          "sh",
          "-c",
          "echo kept > /data/f; echo layer > /root/mark; rm /etc/shells; echo out",
        ]),
        "out\n",
      );
      const detached = ["run", "-d", "--network", "appnet"];
      await ok(daemon, [
        ...detached,
        "--name",
        "sleeper",
        "--restart",
        "unless-stopped",
        "alpine",
        "sleep",
        "1000",
      ]);
      await ok(daemon, [
        ...detached,
        "--name",
        "stopped",
        "--restart",
        "unless-stopped",
        "alpine",
        "sleep",
        "1000",
      ]);
      // Docker shows no address for a stopped container: read it while it runs.
      stoppedAddress = (await ok(daemon, [
        "inspect",
        "-f",
        "{{.NetworkSettings.Networks.appnet.IPAddress}}",
        "stopped",
      ])).trim();
      await ok(daemon, ["stop", "-t", "0", "stopped"]);
      await ok(daemon, [
        "run",
        "-d",
        "--name",
        "always",
        "--restart",
        "always",
        "alpine",
        "sleep",
        "1000",
      ]);
      await ok(daemon, ["run", "-d", "--name", "plain", "alpine", "sleep", "1000"]);
      await ok(daemon, ["run", "-d", "--name", "gone", "--rm", "alpine", "sleep", "1000"]);
      await ok(daemon, ["create", "--name", "fresh", "alpine", "echo", "hi"]);
      sleeperAddress = (await ok(daemon, [
        "inspect",
        "-f",
        "{{.NetworkSettings.Networks.appnet.IPAddress}}",
        "sleeper",
      ])).trim();
      assert.match(sleeperAddress, /^172\.\d+\.0\.\d+$/);
      killedAt = new Date().toISOString();
    });

    await t.step("kill -9 #1: states, names, volume, network and files come back", async () => {
      await restart();
      const seen = await inspectAll(daemon);
      assertConsistent(seen);
      assert.deepEqual(
        [...seen.keys()].sort(),
        ["always", "fresh", "plain", "sleeper", "stopped", "writer"],
      );
      assert.equal(seen.get("fresh")!.status, "created");
      assert.equal(seen.get("writer")!.status, "exited");
      assert.equal(seen.get("writer")!.exitCode, 0);
      // Running with no restart policy: stopped by the crash, as moby records it.
      assert.equal(seen.get("plain")!.status, "exited");
      assert.equal(seen.get("plain")!.exitCode, 255);
      assert.ok(seen.get("plain")!.finishedAt >= killedAt, "FinishedAt is the recovery time");
      assert.equal(seen.get("always")!.status, "running");
      assert.equal(seen.get("sleeper")!.status, "running");
      assert.equal(seen.get("stopped")!.status, "exited", "unless-stopped stays stopped");
      const names = await docker(daemon, ["create", "--name", "writer", "alpine", "true"]);
      assert.notEqual(names.code, 0);
      assert.match(names.stderr, /name "\/writer" is already in use/);
      assert.equal(
        await ok(daemon, ["run", "--rm", "-v", "vdata:/d", "alpine", "cat", "/d/f"]),
        "kept\n",
      );
      assert.equal(await ok(daemon, ["logs", "writer"]), "out\n");
      // Its writable layer came back from the checkpoint: the file it wrote, the one it deleted.
      const tar = await new Deno.Command("docker", {
        args: ["cp", "writer:/root/mark", "-"],
        env: daemon.env,
        stdout: "piped",
      }).output();
      assert.match(new TextDecoder().decode(tar.stdout), /layer\n/);
      const shells = await docker(daemon, ["cp", "writer:/etc/shells", "-"]);
      assert.notEqual(shells.code, 0, "the file the container deleted stays deleted");
      assert.match(await ok(daemon, ["run", "--rm", "alpine", "cat", "/etc/shells"]), /\/bin\/sh/);
      const files = await ok(daemon, ["start", "-a", "writer"]);
      assert.equal(files, "out\n");
      assert.equal(
        await ok(daemon, ["run", "--rm", "--volumes-from", "writer", "alpine", "cat", "/data/f"]),
        "kept\n",
      );
      const network = JSON.parse(await ok(daemon, ["network", "inspect", "appnet"]))[0];
      const endpoints = Object.values(network.Containers) as {
        Name: string;
        IPv4Address: string;
      }[];
      assert.deepEqual(
        endpoints.map((e) => `${e.Name} ${e.IPv4Address}`).sort(),
        [`sleeper ${sleeperAddress}/16`, `stopped ${stoppedAddress}/16`],
      );
      // The restarted sleeper is found by name on the restored network.
      const lookup = await ok(daemon, [
        "run",
        "--rm",
        "--network",
        "appnet",
        "alpine",
        "nslookup",
        "sleeper",
      ]);
      assert.match(lookup, new RegExp(sleeperAddress.replaceAll(".", "\\.")));
    });

    await t.step(
      "a torn record file: the previous good copy is used",
      async () => {
        const id = (await ok(daemon, ["inspect", "-f", "{{.Id}}", "fresh"])).trim();
        await ok(daemon, ["rename", "fresh", "renamed"]);
        await daemon.kill9();
        const record = `${dir}/data/containers/${id}/config.json`;
        const whole = await Deno.readFile(record);
        await Deno.writeFile(record, whole.subarray(0, whole.length >> 1));
        daemon = await startOn(dir);
        const seen = await inspectAll(daemon);
        assert.ok(seen.has("fresh"), "the previous good copy (before the rename) was used");
        assert.ok(!seen.has("renamed"));
      },
    );

    // Kills at different moments of a workload: runs, removals and stops in flight.
    const delays = [40, 250, 600, 1100, 1700];
    let acknowledgedInAll = 0;
    for (const [round, delay] of delays.entries()) {
      await t.step(`kill -9 #${round + 3} ${delay} ms into a running workload`, async () => {
        const acknowledged = new Map<string, "exited" | "removed">();
        let stop = false;
        const workload = (async () => {
          for (let i = 0; !stop; i++) {
            const name = `w${round}-${i}`;
            const run = await docker(daemon, ["run", "--name", name, "alpine", "echo", name]);
            if (run.code !== 0 || stop) return;
            acknowledged.set(name, "exited");
            if (i % 2 === 0) {
              const rm = await docker(daemon, ["rm", name]);
              if (rm.code !== 0) return;
              acknowledged.set(name, "removed");
            }
          }
        })();
        await new Promise((r) => setTimeout(r, delay));
        stop = true;
        await daemon.kill9();
        await workload;
        daemon = await startOn(dir);
        const seen = await inspectAll(daemon);
        assertConsistent(seen);
        for (const [name, fate] of acknowledged) {
          if (fate === "removed") assert.ok(!seen.has(name), `${name} was removed`);
          else {
            assert.equal(seen.get(name)?.status, "exited", `${name} exited`);
            assert.equal(seen.get(name)?.exitCode, 0, `${name} exit code`);
          }
        }
        assert.equal(seen.get("always")?.status, "running");
        assert.equal(seen.get("sleeper")?.status, "running");
        assert.equal(seen.get("stopped")?.status, "exited");
        assert.doesNotMatch(daemon.logs(), /restore:/);
        acknowledgedInAll += acknowledged.size;
      });
    }
    assert.ok(acknowledgedInAll > 0, "the workload got replies before the kills");
  } finally {
    await daemon.stop();
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
});
