/**
 * Daemon restart time with the memory backend's state on disk: 1,000 containers and 100 volumes.
 * Ten containers are made through the docker CLI (five created, five exited with files and
 * logs), 100 volumes with `docker volume create`; the daemon is SIGKILLed and the ten records
 * are copied (with their filesystem checkpoints and logs) under new ids and names up to 1,000,
 * exactly as the daemon writes them. Figures: time until `/_ping` answers and until
 * `docker ps -a` lists all 1,000, the daemon's RSS then, against an empty data root measured in
 * the same run.
 *
 * `deno run -A bench/restart_bench.ts [containers] [volumes]`
 *
 * @module
 */
import {
  readDurable,
  readDurableJson,
  writeDurable,
} from "../backends/memory/persist/atomic_file.ts";

const root = new URL("../", import.meta.url);
const containers = Number(Deno.args[0] ?? 1000);
const volumes = Number(Deno.args[1] ?? 100);

interface Daemon {
  pid: number;
  startMs: number;
  kill(): Promise<void>;
}

async function ping(socket: string): Promise<boolean> {
  try {
    const conn = await Deno.connect({ transport: "unix", path: socket });
    await conn.write(new TextEncoder().encode("GET /_ping HTTP/1.1\r\nConnection: close\r\n\r\n"));
    const reply = new TextDecoder().decode(await new Response(conn.readable).arrayBuffer());
    return reply.startsWith("HTTP/1.1 200");
  } catch {
    return false;
  }
}

async function startDaemon(dir: string): Promise<Daemon> {
  const socket = `${dir}/d.sock`;
  await Deno.remove(socket).catch(() => {});
  const t0 = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts", "--host", `unix://${socket}`, "--data-root", `${dir}/data`],
    cwd: root,
    stdout: "null",
    stderr: "inherit",
  }).spawn();
  while (!await ping(socket)) await new Promise((r) => setTimeout(r, 10));
  const startMs = performance.now() - t0;
  return {
    pid: child.pid,
    startMs,
    async kill() {
      child.kill("SIGKILL");
      await child.status;
    },
  };
}

async function docker(dir: string, args: string[]): Promise<string> {
  const out = await new Deno.Command("docker", {
    args,
    env: { DOCKER_HOST: `unix://${dir}/d.sock`, DOCKER_CONFIG: `${dir}/config` },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder();
  if (!out.success) throw new Error(`docker ${args.join(" ")}: ${text.decode(out.stderr)}`);
  return text.decode(out.stdout);
}

function rssMiB(pid: number): number {
  const status = Deno.readTextFileSync(`/proc/${pid}/status`);
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

function newId(): string {
  return [...crypto.getRandomValues(new Uint8Array(32))]
    .map((b) => b.toString(16).padStart(2, "0")).join("");
}

type Endpoint = { address: number };
type Record = { id: string; name: string; endpoints: Endpoint[] } & { [k: string]: unknown };

/** Copies the ten records (and their checkpoint files) up to `count` containers. */
async function cloneRecords(dir: string, count: number): Promise<void> {
  const base = `${dir}/data/containers`;
  const templates: { record: Record; files: [string, Uint8Array][] }[] = [];
  for await (const entry of Deno.readDir(base)) {
    const record = (await readDurableJson<Record>(`${base}/${entry.name}/config.json`))!;
    const files: [string, Uint8Array][] = [];
    for await (const f of Deno.readDir(`${base}/${entry.name}`)) {
      if (/^(layer-\d+\.tar|logs\.bin)$/.test(f.name)) {
        files.push([f.name, (await readDurable(`${base}/${entry.name}/${f.name}`))!]);
      }
    }
    templates.push({ record, files });
  }
  for (let i = templates.length; i < count; i++) {
    const { record, files } = templates[i % templates.length];
    const id = newId();
    // Each copy gets its own address on the default bridge, as a real container would.
    const endpoints = record.endpoints.map((e) => ({
      ...e,
      address: e.address ? e.address - (e.address % 65536) + 256 + i : 0,
    }));
    await Deno.mkdir(`${base}/${id}`);
    for (const [name, bytes] of files) await writeDurable(`${base}/${id}/${name}`, bytes);
    await writeDurable(
      `${base}/${id}/config.json`,
      JSON.stringify({ ...record, id, name: `${record.name}-copy-${i}`, endpoints }),
    );
  }
}

const empty = await Deno.makeTempDir({ prefix: "sockerless-restart-empty-" });
const first = await startDaemon(empty);
await first.kill();
const emptyStart = await startDaemon(empty);
await emptyStart.kill();

const dir = await Deno.makeTempDir({ prefix: "sockerless-restart-" });
await Deno.mkdir(`${dir}/config`);
const seed = await startDaemon(dir);
for (let i = 0; i < 5; i++) {
  await docker(dir, ["create", "--name", `created-${i}`, "alpine", "true"]);
}
for (let i = 0; i < 5; i++) {
  await docker(dir, [
    "run",
    "--name",
    `exited-${i}`,
    "alpine",
    "sh",
    "-c",
    `echo ${i} > /f; echo ${i}`,
  ]);
}
for (let i = 0; i < volumes; i++) await docker(dir, ["volume", "create", `vol-${i}`]);
await new Promise((r) => setTimeout(r, 500)); // the exit checkpoints are written apart from replies
await seed.kill();
await cloneRecords(dir, containers);

const restarted = await startDaemon(dir);
const t0 = performance.now();
const listed = (await docker(dir, ["ps", "-aq"])).trim().split("\n").length;
const psMs = performance.now() - t0;
const rss = rssMiB(restarted.pid);
const volumeCount = (await docker(dir, ["volume", "ls", "-q"])).trim().split("\n").length;
const copy = (await docker(dir, ["ps", "-aq", "--filter", "name=exited-2-copy"])).split("\n")[0];
// `docker cp` answers a tar: the file's bytes follow the 512-byte header, its size in octal.
const tar = await docker(dir, ["cp", `${copy}:/f`, "-"]);
const fileBack = tar.slice(512, 512 + parseInt(tar.slice(124, 136), 8));
const startedAgain = await docker(dir, ["start", "-a", copy]);
await restarted.kill();

console.log(`state: ${listed} containers listed, ${volumeCount} volumes`);
console.log(`daemon start, empty data root:        ${emptyStart.startMs.toFixed(0)} ms`);
console.log(
  `daemon start, ${containers} containers + ${volumes} volumes: ${
    restarted.startMs.toFixed(0)
  } ms` +
    ` (${(restarted.startMs / emptyStart.startMs).toFixed(2)}x empty)`,
);
console.log(`first docker ps -a after the restart:  ${psMs.toFixed(0)} ms`);
console.log(
  `daemon RSS after the restart:          ${
    rss.toFixed(0)
  } MiB (container actors spawn on first use)`,
);
console.log(
  `a copy of exited-2: /f from its checkpoint holds ${JSON.stringify(fileBack)}; ` +
    `it starts again and prints ${JSON.stringify(startedAgain)}`,
);
await Deno.remove(empty, { recursive: true });
await Deno.remove(dir, { recursive: true });
