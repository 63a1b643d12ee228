/**
 * The daemon's RSS over many execs in one running container, and over many `run --rm`, through
 * the Engine API on the daemon's unix socket (the docker CLI's own start would take most of the
 * time). Each exec is create + start (detached, or attached and read to the end), then its exit
 * is awaited by inspect; each run is create + start with AutoRemove, then inspect until gone. RSS is read
 * from /proc/<pid>/status of the daemon process after each round, beside the container Worker's
 * own heap (the container actor's `memory` message is not reachable through the API, so only
 * RSS is reported here).
 *
 * Usage: deno run -A bench/exec_soak_bench.ts [execs per round, 500] [rounds, 4] [runs --rm, 0]
 */
import { START_FLAGS } from "./start_flags.ts";

const perRound = Number(Deno.args[0] ?? 500);
const rounds = Number(Deno.args[1] ?? 4);
const runs = Number(Deno.args[2] ?? 0);
const root = new URL("../", import.meta.url);
const dir = await Deno.makeTempDir({ prefix: "sockerless-exec-soak-" });
const socket = `${dir}/docker.sock`;

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
  stderr: "inherit",
}).spawn();
const client = Deno.createHttpClient({ proxy: { transport: "unix", path: socket } });

async function api(method: string, path: string, body?: unknown): Promise<Response> {
  const response = await fetch(`http://d/v1.44${path}`, {
    method,
    client,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status >= 400) {
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  }
  return response;
}
const json = async (r: Response) => await r.json();
const drain = async (r: Response) => void await r.arrayBuffer();

function daemonRss(): number {
  const status = Deno.readTextFileSync(`/proc/${daemon.pid}/status`);
  const kib = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (!kib) throw new Error(`no VmRSS in /proc/${daemon.pid}/status`);
  return Number(kib) * 1024;
}
const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;

async function exec(id: string, detach: boolean): Promise<void> {
  const { Id } = await json(
    await api("POST", `/containers/${id}/exec`, {
      Cmd: ["true"],
      AttachStdout: !detach,
      AttachStderr: !detach,
    }),
  );
  await drain(await api("POST", `/exec/${Id}/start`, { Detach: detach, Tty: false }));
  for (;;) {
    const inspect = await json(await api("GET", `/exec/${Id}/json`));
    if (!inspect.Running && inspect.ExitCode !== null) return;
    await new Promise((r) => setTimeout(r, 1));
  }
}

async function runRm(): Promise<void> {
  const { Id } = await json(
    await api("POST", "/containers/create", {
      Image: "alpine",
      Cmd: ["true"],
      HostConfig: { AutoRemove: true },
    }),
  );
  await drain(await api("POST", `/containers/${Id}/start`));
  // Removed may come before a wait could be asked for, so inspect until it is gone.
  for (;;) {
    const response = await fetch(`http://d/v1.44/containers/${Id}/json`, { client });
    await drain(response);
    if (response.status === 404) return;
    await new Promise((r) => setTimeout(r, 1));
  }
}

try {
  for (let i = 0; i < 600; i++) {
    try {
      await drain(await api("GET", "/_ping"));
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await drain(await api("POST", "/images/create?fromImage=alpine&tag=latest"));
  const { Id } = await json(
    await api("POST", "/containers/create", { Image: "alpine", Cmd: ["sleep", "100000"] }),
  );
  await drain(await api("POST", `/containers/${Id}/start`));
  for (let i = 0; i < 20; i++) await exec(Id, i % 2 === 0);
  const start = daemonRss();
  console.log(`daemon RSS after warm-up: ${mib(start)}`);
  for (let round = 1; round <= rounds; round++) {
    const began = performance.now();
    for (let i = 0; i < perRound; i++) await exec(Id, i % 2 === 0);
    const seconds = ((performance.now() - began) / 1000).toFixed(1);
    console.log(
      `after ${round * perRound} execs (half detached): RSS ${mib(daemonRss())} ` +
        `(+${mib(daemonRss() - start)} since warm-up), round ${seconds} s`,
    );
  }
  await drain(await api("DELETE", `/containers/${Id}?force=true`));
  console.log(`after docker rm -f: RSS ${mib(daemonRss())}`);
  if (runs > 0) {
    const before = daemonRss();
    for (let i = 1; i <= runs; i++) {
      await runRm();
      if (i % 500 === 0) {
        console.log(`after ${i} run --rm: RSS ${mib(daemonRss())} (+${mib(daemonRss() - before)})`);
      }
    }
  }
} finally {
  client.close();
  daemon.kill("SIGTERM");
  await daemon.status;
  await Deno.remove(dir, { recursive: true });
}
