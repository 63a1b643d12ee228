/**
 * `docker run --rm alpine echo hi` on the ecs backend (against the AWS simulator in its own
 * process) beside the same command on the memory backend, and `docker exec web true` on each
 * (on ecs through the agent the task dialled back with), measured in the same run: median and
 * p90 of 20 sequential runs each, after 3 warm-up runs, and the ratios of the medians.
 *
 * Usage: deno run -A bench/ecs_backend_bench.ts [runs, default 20]
 */
import { startSimulatorProcess } from "../backends/ecs/simulator_process.ts";

const runs = Number(Deno.args[0] ?? 20);
const root = new URL("../", import.meta.url);

interface Daemon {
  env: Record<string, string>;
  stop(): Promise<void>;
}

async function startDaemon(extra: string[], env: Record<string, string> = {}): Promise<Daemon> {
  const dir = await Deno.makeTempDir({ prefix: "sockerless-ecs-bench-" });
  const socket = `${dir}/docker.sock`;
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "-A",
      "main.ts",
      "--host",
      `unix://${socket}`,
      "--data-root",
      `${dir}/data`,
      ...extra,
    ],
    cwd: root,
    env,
    stdout: "null",
    stderr: "null",
  }).spawn();
  const cli = { DOCKER_HOST: `unix://${socket}`, DOCKER_CONFIG: dir, DOCKER_CLI_HINTS: "false" };
  for (let i = 0; i < 600; i++) {
    const out = await new Deno.Command("docker", { args: ["version"], env: cli }).output();
    if (out.success) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    env: cli,
    async stop() {
      child.kill("SIGTERM");
      await child.status;
      await Deno.remove(dir, { recursive: true }).catch(() => {});
    },
  };
}

async function echoHi(daemon: Daemon): Promise<void> {
  const out = await new Deno.Command("docker", {
    args: ["run", "--rm", "alpine", "echo", "hi"],
    env: daemon.env,
    stdin: "null",
  }).output();
  const text = new TextDecoder().decode(out.stdout);
  if (!out.success || text !== "hi\n") {
    throw new Error(
      `docker run printed ${JSON.stringify(text)}: ${new TextDecoder().decode(out.stderr)}`,
    );
  }
}

async function execTrue(daemon: Daemon): Promise<void> {
  const out = await new Deno.Command("docker", { args: ["exec", "web", "true"], env: daemon.env })
    .output();
  if (!out.success) throw new Error(`docker exec: ${new TextDecoder().decode(out.stderr)}`);
}

async function runWeb(daemon: Daemon): Promise<void> {
  const out = await new Deno.Command("docker", {
    args: ["run", "-d", "--name", "web", "--stop-timeout", "1", "alpine", "sleep", "600"],
    env: daemon.env,
  }).output();
  if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
}

async function measure(daemon: Daemon, op: (d: Daemon) => Promise<void>): Promise<number[]> {
  for (let i = 0; i < 3; i++) await op(daemon);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await op(daemon);
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b);
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

const sim = await startSimulatorProcess();
const memory = await startDaemon([]);
const ecs = await startDaemon(["--backend", "ecs", "--aws-endpoint", sim.endpoint], {
  AWS_ACCESS_KEY_ID: "test",
  AWS_SECRET_ACCESS_KEY: "test",
  AWS_REGION: "us-east-1",
});
try {
  await new Deno.Command("docker", { args: ["pull", "alpine"], env: memory.env }).output();
  const runOnMemory = await measure(memory, echoHi);
  const runOnEcs = await measure(ecs, echoHi);
  await runWeb(memory);
  await runWeb(ecs);
  const execOnMemory = await measure(memory, execTrue);
  const execOnEcs = await measure(ecs, execTrue);
  const rows = [
    ["run --rm echo hi, memory", runOnMemory],
    ["run --rm echo hi, ecs", runOnEcs],
    ["exec web true, memory", execOnMemory],
    ["exec web true, ecs (agent)", execOnEcs],
  ] as const;
  for (const [name, s] of rows) {
    console.log(
      `docker ${name.padEnd(28)} median ${pct(s, 0.5).toFixed(1)} ms` +
        `  p90 ${pct(s, 0.9).toFixed(1)} ms  (n=${runs})`,
    );
  }
  const ratio = (a: number[], b: number[]) => (pct(a, 0.5) / pct(b, 0.5)).toFixed(2);
  console.log(
    `ecs / memory median ratio: run ${ratio(runOnEcs, runOnMemory)}x, ` +
      `exec ${ratio(execOnEcs, execOnMemory)}x`,
  );
  for (const daemon of [memory, ecs]) {
    await new Deno.Command("docker", { args: ["rm", "-f", "web"], env: daemon.env }).output();
  }
} finally {
  await ecs.stop();
  await memory.stop();
  await sim.stop();
}
