/**
 * The memory backend through the real docker CLI, each figure beside a floor measured in the
 * same run:
 * - `docker run --rm alpine true`: median and p90 of 50 sequential runs, beside spawning
 *   `/bin/true` 50 times (the floor any process start pays) and `docker version` (the CLI's own
 *   start and one API round trip);
 * - `docker exec <c> true` round trip: median and p90 of 50;
 * - wall time of 100 `docker run --rm alpine true` started at once;
 * - memory per idle running container: the daemon's RSS delta over N `sleep 1000` containers / N;
 * - RSS growth over sequential `run --rm` (2,000 by default; pass a smaller count to scale down).
 * The daemon runs as its own process, started as `deno task start` starts it (bench/start_flags.ts), so
 * its RSS is read from /proc/<pid>/status.
 *
 * Usage: deno run -A bench/docker_run_bench.ts [soak runs, default 2000] [idle containers, 50]
 */
import { START_FLAGS } from "./start_flags.ts";

const soakRuns = Number(Deno.args[0] ?? 2000);
const idleContainers = Number(Deno.args[1] ?? 50);
const root = new URL("../", import.meta.url);
const dir = await Deno.makeTempDir({ prefix: "sockerless-run-bench-" });
const socket = `${dir}/docker.sock`;
const env = { DOCKER_HOST: `unix://${socket}`, DOCKER_CONFIG: dir, DOCKER_CLI_HINTS: "false" };

const daemon = new Deno.Command(Deno.execPath(), {
  args: [
    "run",
    ...START_FLAGS,
    "main.ts",
    "--host",
    `unix://${socket}`,
    "--data-root",
    `${dir}/data`,
  ],
  cwd: root,
  stdout: "null",
  stderr: "piped",
}).spawn();
let daemonLog = "";
const draining = daemon.stderr.pipeThrough(new TextDecoderStream()).pipeTo(
  new WritableStream({ write: (s) => void (daemonLog = (daemonLog + s).slice(-4000)) }),
);

async function run(cmd: string, args: string[], allowFailure = false): Promise<string> {
  const out = await new Deno.Command(cmd, { args, env, stdin: "null" }).output();
  if (!out.success && !allowFailure) {
    throw new Error(
      `${cmd} ${args.join(" ")} exited ${out.code}: ${new TextDecoder().decode(out.stderr)}\n` +
        `daemon: ${daemonLog}`,
    );
  }
  return new TextDecoder().decode(out.stdout);
}

/** The daemon's resident set in bytes (all its Worker threads share the process). */
function daemonRss(): number {
  const status = Deno.readTextFileSync(`/proc/${daemon.pid}/status`);
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (!kib) throw new Error(`no VmRSS in /proc/${daemon.pid}/status`);
  return Number(kib) * 1024;
}

async function timed(times: number, body: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await body();
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b);
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
const ms = (n: number) => `${n.toFixed(1)} ms`;
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
function report(name: string, sorted: number[]) {
  console.log(`${name.padEnd(34)} median ${ms(pct(sorted, 0.5))}  p90 ${ms(pct(sorted, 0.9))}`);
}

try {
  for (let i = 0; i < 600; i++) {
    if ((await run("docker", ["version"], true)).includes("Server")) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await run("docker", ["pull", "alpine"]);
  // Warm-up: the first container pays for the Worker pool and the shared root layer.
  for (let i = 0; i < 5; i++) await run("docker", ["run", "--rm", "alpine", "true"]);

  const floor = await timed(50, () => run("/bin/true", []));
  const cli = await timed(50, () => run("docker", ["version"]));
  const runs = await timed(50, () => run("docker", ["run", "--rm", "alpine", "true"]));
  report("spawn /bin/true (floor)", floor);
  report("docker version (CLI + 1 request)", cli);
  report("docker run --rm alpine true", runs);
  console.log(
    `  ratio run/version ${(pct(runs, 0.5) / pct(cli, 0.5)).toFixed(2)}×, ` +
      `run/true ${(pct(runs, 0.5) / pct(floor, 0.5)).toFixed(1)}×`,
  );

  const box = (await run("docker", ["run", "-d", "alpine", "sleep", "1000"])).trim();
  const execs = await timed(50, () => run("docker", ["exec", box, "true"]));
  report("docker exec <c> true", execs);
  await run("docker", ["rm", "-f", box]);

  // The baseline is taken after a tenth of the runs, once the Workers and caches are warm.
  const warm = Math.floor(soakRuns / 10);
  const soakZero = daemonRss();
  for (let i = 0; i < warm; i++) await run("docker", ["run", "--rm", "alpine", "true"]);
  const soakStart = daemonRss();
  const checkpoints: string[] = [];
  const soakClock = performance.now();
  for (let i = 1; i <= soakRuns - warm; i++) {
    await run("docker", ["run", "--rm", "alpine", "true"]);
    if (i % Math.max(1, Math.floor(soakRuns / 4)) === 0) {
      checkpoints.push(`${warm + i}: ${mib(daemonRss())}`);
    }
  }
  const soakEnd = daemonRss();
  const perThousand = (soakEnd - soakStart) / (soakRuns - warm) * 1000;
  const seconds = ((performance.now() - soakClock) / 1000).toFixed(0);
  console.log(
    `RSS over ${soakRuns} sequential run --rm   ${mib(soakStart)} at run ${warm} → ` +
      `${mib(soakEnd)} (${mib(perThousand)} per 1,000 runs; ${
        checkpoints.join(", ")
      }; ${seconds} s)`,
  );
  console.log(
    `  in total over all ${soakRuns} runs  ${mib(soakZero)} → ${mib(soakEnd)} ` +
      `(${mib(soakEnd - soakZero)})`,
  );
  // Idle containers after the soak: their Workers are discarded when they end, which would
  // blur the soak's figure.
  await new Promise((r) => setTimeout(r, 1000));
  const idleBefore = daemonRss();
  const idle: string[] = [];
  for (let i = 0; i < idleContainers; i++) {
    idle.push((await run("docker", ["run", "-d", "alpine", "sleep", "1000"])).trim());
  }
  await new Promise((r) => setTimeout(r, 1000));
  const idleAfter = daemonRss();
  console.log(
    `idle running container               ${mib((idleAfter - idleBefore) / idleContainers)} each ` +
      `(RSS ${mib(idleBefore)} → ${mib(idleAfter)} over ${idleContainers} sleep 1000)`,
  );
  await run("docker", ["rm", "-f", ...idle]);

  // Last: a burst of 100 Workers leaves the process larger (Deno keeps part of each terminated
  // Worker), which would blur the memory figures above.
  const wallStart = performance.now();
  await Promise.all(
    Array.from({ length: 100 }, () => run("docker", ["run", "--rm", "alpine", "true"])),
  );
  const wall = performance.now() - wallStart;
  console.log(
    `100 parallel run --rm                wall ${ms(wall)} (${ms(wall / 100)} per run, ` +
      `${(wall / 100 / pct(runs, 0.5)).toFixed(2)}× a sequential run)`,
  );

  const left = await run("docker", ["ps", "-aq"]);
  if (left.trim()) throw new Error(`containers left behind: ${left}`);
} finally {
  daemon.kill("SIGTERM");
  await daemon.status;
  await draining.catch(() => {});
  await Deno.remove(dir, { recursive: true }).catch(() => {});
}
