/**
 * The ecs backend end to end: the AWS simulator in its own process, the daemon started with
 * `--backend ecs --aws-endpoint URL` (credentials and region from the AWS_* variables), and the
 * docker CLI driving it. Exec goes through the agent each task dials back to the backend (never
 * ECS ExecuteCommand). The last step restarts the daemon on an empty data root: containers come
 * back from the simulator's tags alone, and their agents redial it.
 *
 * @module
 */
import assert from "node:assert/strict";
import { docker, type RunningTestDaemon, startTestDaemon } from "./harness.ts";
import {
  type SimulatorProcess,
  startSimulatorProcess,
} from "../../backends/ecs/simulator_process.ts";

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

const AWS_ENV = {
  AWS_ACCESS_KEY_ID: "test",
  AWS_SECRET_ACCESS_KEY: "test",
  AWS_REGION: "us-east-1",
  // Fixed, so the agents of tasks still running redial the restarted daemon.
  SOCKERLESS_ECS_AGENT_PORT: String(freePort()),
};

async function startEcsDaemon(sim: SimulatorProcess): Promise<RunningTestDaemon> {
  for (const [k, v] of Object.entries(AWS_ENV)) Deno.env.set(k, v);
  return await startTestDaemon(["--backend", "ecs", "--aws-endpoint", sim.endpoint]);
}

async function ok(daemon: RunningTestDaemon, args: string[], stdin?: string): Promise<string> {
  const r = await docker(daemon, args, { stdin, timeoutMs: 60_000 });
  assert.equal(r.code, 0, `docker ${args.join(" ")} failed (${r.code}): ${r.stderr}`);
  return r.stdout;
}

async function names(daemon: RunningTestDaemon): Promise<string[]> {
  return (await ok(daemon, ["ps", "-a", "--format", "{{.Names}} {{.State}}"])).trim().split("\n")
    .filter(Boolean).sort();
}

async function eventually(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not happen`);
}

Deno.test("ecs backend: the docker CLI against the AWS simulator, and recovery from tags", async (t) => {
  const sim = await startSimulatorProcess();
  let daemon = await startEcsDaemon(sim);
  try {
    await t.step(
      "docker run --rm alpine echo hi prints exactly hi and leaves nothing",
      async () => {
        assert.equal(await ok(daemon, ["run", "--rm", "alpine", "echo", "hi"]), "hi\n");
        assert.deepEqual(await names(daemon), []);
        // An attached run reads the task's agent, which keeps stdout and stderr apart.
        const r = await docker(daemon, [
          "run",
          "--rm",
          "alpine",
          "sh",
          "-c",
          "echo out; echo err >&2",
        ]);
        assert.deepEqual([r.code, r.stdout, r.stderr], [0, "out\n", "err\n"]);
      },
    );

    await t.step("docker run propagates the exit status", async () => {
      const r = await docker(daemon, ["run", "--name", "three", "alpine", "sh", "-c", "exit 3"]);
      assert.equal(r.code, 3, r.stderr);
      assert.deepEqual(await names(daemon), ["three exited"]);
      const state = await ok(daemon, ["inspect", "-f", "{{.State.ExitCode}}", "three"]);
      assert.equal(state.trim(), "3");
    });

    await t.step("run -d, logs, exec with exit status, stop, rm", async () => {
      const id = (await ok(daemon, [
        "run",
        "-d",
        "--name",
        "web",
        "--stop-timeout",
        "2",
        "alpine",
        "sh",
        "-c",
        "echo started; sleep 300",
      ])).trim();
      assert.match(id, /^[0-9a-f]{64}$/);
      await eventually(
        "the log line",
        async () => (await ok(daemon, ["logs", "web"])) === "started\n",
      );
      assert.equal(await ok(daemon, ["exec", "web", "sh", "-c", "echo in $PWD"]), "in /\n");
      // The GitHub runner's exec-per-step shape: a working directory and environment per step.
      const step = [
        "exec",
        "-w",
        "/tmp",
        "-e",
        "STEP=two words",
        "web",
        "sh",
        "-c",
        'echo "$STEP" $PWD',
      ];
      assert.equal(await ok(daemon, step), "two words /tmp\n");
      const failed = await docker(daemon, ["exec", "web", "sh", "-c", "exit 7"]);
      assert.equal(failed.code, 7, failed.stderr);
      assert.equal(await ok(daemon, ["exec", "-i", "web", "cat"], "piped in\n"), "piped in\n");
      const tty = await docker(daemon, ["exec", "-t", "web", "sh"]);
      assert.notEqual(tty.code, 0);
      assert.match(tty.stderr, /ecs backend: exec sessions have no TTY/);
      assert.equal((await ok(daemon, ["stop", "web"])).trim(), "web");
      const state = await ok(daemon, [
        "inspect",
        "-f",
        "{{.State.Status}} {{.State.ExitCode}}",
        "web",
      ]);
      assert.equal(state.trim(), "exited 137");
      await ok(daemon, ["rm", "web"]);
      assert.deepEqual(await names(daemon), ["three exited"]);
    });

    await t.step(
      "stdin sent to an attach before start is baked into the task (GitLab)",
      async () => {
        const r = await docker(daemon, ["run", "-i", "--rm", "alpine", "sh"], {
          stdin: "echo from stdin\nexit 4\n",
          timeoutMs: 60_000,
        });
        assert.equal(r.stdout, "from stdin\n", r.stderr);
        assert.equal(r.code, 4);
      },
    );

    await t.step(
      "docker attach to a running -i task reaches its stdin through the agent",
      async () => {
        await ok(daemon, [
          "run",
          "-d",
          "-i",
          "--name",
          "talk",
          "alpine",
          "sh",
          "-c",
          'read line; echo "got $line"; echo done >&2; exit 3',
        ]);
        const r = await docker(daemon, ["attach", "talk"], { stdin: "hello\n", timeoutMs: 60_000 });
        assert.equal(r.stdout, "got hello\n", r.stderr);
        assert.equal(r.stderr, "done\n");
        assert.equal(r.code, 3);
        await ok(daemon, ["rm", "talk"]);
      },
    );

    await t.step("what ECS cannot do is a 501 naming the backend", async () => {
      const r = await docker(daemon, ["pause", "three"]);
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /ecs backend: container\.pause is not supported/);
      const stopped = await docker(daemon, ["exec", "three", "true"]);
      assert.match(stopped.stderr, /is not running/);
    });

    await t.step("what Fargate cannot do as asked is refused at create, naming it", async () => {
      for (
        const [flags, why] of [
          [["-p", "8080:80"], /ecs backend: published ports 80\/tcp \(docker run -p\)/],
          [["--restart", "on-failure:2"], /ecs backend: restart policy "on-failure:2"/],
          [["--restart", "always"], /ecs backend: restart policy "always"/],
          [
            ["--health-cmd", "true", "--health-interval", "100ms"],
            /ECS health checks take --health-interval between 5 and 300 whole seconds/,
          ],
        ] as const
      ) {
        const r = await docker(daemon, ["run", "-d", ...flags, "alpine", "sleep", "1"]);
        assert.notEqual(r.code, 0);
        assert.match(r.stderr, why);
      }
      assert.deepEqual(await names(daemon), ["three exited"]);
    });

    await t.step(
      "--health-cmd runs as the task's ECS healthCheck; inspect and ps show it",
      async () => {
        await ok(daemon, [
          "run",
          "-d",
          "--name",
          "checked",
          "--stop-timeout",
          "1",
          "--health-cmd",
          "test -f /tmp/ready",
          "--health-interval",
          "5s",
          "--health-retries",
          "1",
          "alpine",
          "sh",
          "-c",
          "touch /tmp/ready; exec sleep 300",
        ]);
        const health = async () =>
          (await ok(daemon, ["inspect", "-f", "{{.State.Health.Status}}", "checked"])).trim();
        assert.match(await health(), /^(starting|healthy)$/);
        // ECS's shortest interval is 5 s: the first check comes no sooner.
        for (let i = 0; i < 600 && await health() !== "healthy"; i++) {
          await new Promise((r) => setTimeout(r, 100));
        }
        assert.equal(await health(), "healthy");
        const ps = await ok(daemon, ["ps", "--filter", "name=checked", "--format", "{{.Status}}"]);
        assert.match(ps, /^Up .* \(healthy\)$/m);
        await ok(daemon, ["rm", "-f", "checked"]);
      },
    );

    await t.step("a restarted daemon finds running containers by their tags", async () => {
      await ok(daemon, [
        "run",
        "-d",
        "--name",
        "keeper",
        "--stop-timeout",
        "2",
        "alpine",
        "sh",
        "-c",
        "echo kept; sleep 300",
      ]);
      const rm = ["run", "-d", "--rm", "--name", "gone", "--stop-timeout", "2", "alpine"];
      await ok(daemon, [...rm, "sleep", "300"]);
      // Created, never started: its task definition holds it (the cloud is the record).
      await ok(daemon, ["create", "--name", "made", "alpine", "echo", "made"]);
      await daemon.stop();
      daemon = await startEcsDaemon(sim);
      assert.deepEqual(await names(daemon), [
        "gone running",
        "keeper running",
        "made created",
        "three exited",
      ]);
      assert.equal(await ok(daemon, ["start", "-a", "made"]), "made\n");
      await ok(daemon, ["rm", "made"]);
      // The new daemon took over the --rm of a container it never started.
      await ok(daemon, ["stop", "gone"]);
      await eventually(
        "removal of gone",
        async () => !(await names(daemon)).some((n) => n.startsWith("gone ")),
      );
      await eventually(
        "the log line",
        async () => (await ok(daemon, ["logs", "keeper"])) === "kept\n",
      );
      assert.equal(
        await ok(daemon, ["exec", "keeper", "echo", "after restart"]),
        "after restart\n",
      );
      // A daemon listening on another port cannot be reached by that agent, and says so at once.
      await daemon.stop();
      Deno.env.set("SOCKERLESS_ECS_AGENT_PORT", String(freePort()));
      daemon = await startTestDaemon(["--backend", "ecs", "--aws-endpoint", sim.endpoint]);
      Deno.env.set("SOCKERLESS_ECS_AGENT_PORT", AWS_ENV.SOCKERLESS_ECS_AGENT_PORT);
      const moved = await docker(daemon, ["exec", "keeper", "true"]);
      assert.notEqual(moved.code, 0);
      assert.match(moved.stderr, /set SOCKERLESS_ECS_AGENT_PORT/);
      await ok(daemon, ["rm", "-f", "keeper", "three"]);
      assert.deepEqual(await names(daemon), []);
    });
  } finally {
    await daemon.stop();
    await sim.stop();
  }
});
