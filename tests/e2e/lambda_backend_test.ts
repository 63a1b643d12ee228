/**
 * The lambda backend end to end: the AWS simulator in its own process, the daemon started with
 * `--backend lambda --aws-endpoint URL` (credentials, region and execution role from the
 * environment), and the docker CLI driving it. Exec goes through the agent each function
 * instance dials back to the backend; the last step restarts the daemon on an empty data root
 * and finds the containers again from the functions' tags.
 *
 * @module
 */
import assert from "node:assert/strict";
import { docker, type RunningTestDaemon, startTestDaemon } from "./harness.ts";
import {
  type SimulatorProcess,
  startSimulatorProcess,
} from "../../backends/ecs/simulator_process.ts";

const AWS_ENV = {
  AWS_ACCESS_KEY_ID: "test",
  AWS_SECRET_ACCESS_KEY: "test",
  AWS_REGION: "us-east-1",
  SOCKERLESS_LAMBDA_ROLE: "arn:aws:iam::000000000000:role/sockerless-lambda",
};

async function startLambdaDaemon(sim: SimulatorProcess): Promise<RunningTestDaemon> {
  for (const [k, v] of Object.entries(AWS_ENV)) Deno.env.set(k, v);
  return await startTestDaemon(["--backend", "lambda", "--aws-endpoint", sim.endpoint]);
}

async function ok(daemon: RunningTestDaemon, args: string[]): Promise<string> {
  const r = await docker(daemon, args, { timeoutMs: 60_000 });
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

Deno.test("lambda backend: the docker CLI against the AWS simulator, exec through the agent", async (t) => {
  const sim = await startSimulatorProcess();
  let daemon = await startLambdaDaemon(sim);
  try {
    await t.step(
      "docker run --rm alpine echo hi prints exactly hi and leaves nothing",
      async () => {
        assert.equal(await ok(daemon, ["run", "--rm", "alpine", "echo", "hi"]), "hi\n");
        assert.deepEqual(await names(daemon), []);
      },
    );

    await t.step(
      "docker run keeps stdout and stderr apart; docker logs still has both",
      async () => {
        const script = "echo out; echo err >&2; exit 4";
        const r = await docker(daemon, ["run", "--name", "apart", "alpine", "sh", "-c", script]);
        assert.deepEqual([r.code, r.stdout, r.stderr], [4, "out\n", "err\n"]);
        // Started again with -a: the second run is read, not the first.
        const again = await docker(daemon, ["start", "-a", "apart"]);
        assert.deepEqual([again.code, again.stdout, again.stderr], [4, "out\n", "err\n"]);
        const logs = await ok(daemon, ["logs", "apart"]);
        assert.deepEqual(logs.split("\n").sort(), ["", "err", "err", "out", "out"]);
        // docker stop retires the instance: the attached run ends as under Docker, with no note.
        const running = docker(daemon, [
          "run",
          "--name",
          "stopped",
          "alpine",
          "sh",
          "-c",
          "echo up; sleep 60",
        ]);
        await eventually(
          "the run's output",
          async () => (await docker(daemon, ["logs", "stopped"])).stdout === "up\n",
        );
        await ok(daemon, ["stop", "stopped"]);
        const ended = await running;
        assert.deepEqual([ended.code, ended.stdout, ended.stderr], [137, "up\n", ""]);
        await ok(daemon, ["rm", "apart", "stopped"]);
      },
    );

    await t.step("docker run propagates the exit status", async () => {
      const r = await docker(daemon, ["run", "--name", "three", "alpine", "sh", "-c", "exit 3"]);
      assert.equal(r.code, 3, r.stderr);
      assert.deepEqual(await names(daemon), ["three exited"]);
      const code = await ok(daemon, ["inspect", "-f", "{{.State.ExitCode}}", "three"]);
      assert.equal(code.trim(), "3");
    });

    await t.step("run -d, logs, exec with exit status through the agent, stop, rm", async () => {
      const id = (await ok(daemon, [
        "run",
        "-d",
        "--name",
        "web",
        "alpine",
        "sh",
        "-c",
        "echo started; sleep 300",
      ])).trim();
      assert.match(id, /^[0-9a-f]{64}$/);
      await eventually(
        "the first log line",
        async () => (await ok(daemon, ["logs", "web"])) === "started\n",
      );
      const exec = await docker(daemon, [
        "exec",
        "web",
        "sh",
        "-c",
        "echo in $AWS_LAMBDA_FUNCTION_NAME; exit 5",
      ]);
      assert.equal(exec.code, 5, exec.stderr);
      assert.equal(exec.stdout, `in sockerless-${id.slice(0, 12)}\n`);
      assert.equal(
        await ok(daemon, [
          "exec",
          "-e",
          "GREETING=hello there",
          "-w",
          "/tmp",
          "web",
          "sh",
          "-c",
          'echo "$GREETING" $(pwd)',
        ]),
        "hello there /tmp\n",
      );
      assert.deepEqual(await names(daemon), ["three exited", "web running"]);
      await ok(daemon, ["stop", "web"]);
      const state = await ok(daemon, [
        "inspect",
        "-f",
        "{{.State.Status}} {{.State.ExitCode}}",
        "web",
      ]);
      assert.equal(state.trim(), "exited 137");
      const refused = await docker(daemon, ["exec", "web", "true"]);
      assert.notEqual(refused.code, 0);
      assert.match(refused.stderr, /is not running/);
      await ok(daemon, ["rm", "web"]);
      assert.deepEqual(await names(daemon), ["three exited"]);
    });

    await t.step("calls Lambda cannot honour answer naming the lambda backend", async () => {
      const r = await docker(daemon, ["network", "ls"]);
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /lambda backend: network\.list is not supported/);
      const tty = await docker(daemon, ["run", "-t", "alpine", "true"]);
      assert.notEqual(tty.code, 0);
      assert.match(tty.stderr, /lambda backend: Lambda functions have no TTY/);
    });

    await t.step("a restarted daemon finds containers from the functions' tags", async () => {
      await daemon.stop();
      daemon = await startLambdaDaemon(sim);
      assert.deepEqual(await names(daemon), ["three exited"]);
      assert.equal(await ok(daemon, ["logs", "three"]), "");
      await ok(daemon, ["start", "three"]);
      await eventually(
        "the second run to end",
        async () => (await names(daemon))[0] === "three exited",
      );
      await ok(daemon, ["rm", "three"]);
      assert.deepEqual(await names(daemon), []);
    });
  } finally {
    await daemon.stop();
    await sim.stop();
  }
});
