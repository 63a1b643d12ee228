/**
 * Control-plane latency and throughput on the unix socket: `GET /_ping` and `GET /version`
 * with 1, 16 and 64 concurrent keep-alive clients, against the daemon and against a minimal
 * hello-world server on the same listener kind started side by side (the ceiling).
 * Each level runs three rounds, the servers taking turns, and reports each server's median round:
 * on two cores the client shares the machine with the server it measures.
 * Usage: deno run -A bench/http_bench.ts [requests per level, default 8000]
 */
import { START_FLAGS } from "./start_flags.ts";

const total = Number(Deno.args[0] ?? 8000);
const ROUNDS = 3;
const root = new URL("../", import.meta.url);
const dir = await Deno.makeTempDir({ prefix: "sockerless-bench-" });

async function waitFor(socket: string) {
  for (let i = 0; i < 600; i++) {
    try {
      (await Deno.connect({ transport: "unix", path: socket })).close();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`${socket} never came up`);
}

function start(args: string[]): Deno.ChildProcess {
  return new Deno.Command(Deno.execPath(), { args, cwd: root, stdout: "null", stderr: "null" })
    .spawn();
}

/** One keep-alive client doing `count` requests; returns each latency in ms. */
async function client(socket: string, path: string, count: number): Promise<number[]> {
  const conn = await Deno.connect({ transport: "unix", path: socket });
  const request = new TextEncoder().encode(`GET ${path} HTTP/1.1\r\nHost: docker\r\n\r\n`);
  const buffer = new Uint8Array(65536);
  const decoder = new TextDecoder();
  const latencies: number[] = [];
  let pending = "";
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await conn.write(request);
    while (true) {
      const end = pending.indexOf("\r\n\r\n");
      if (end >= 0) {
        const length = Number(/content-length: (\d+)/i.exec(pending.slice(0, end))?.[1] ?? 0);
        if (pending.length >= end + 4 + length) {
          pending = pending.slice(end + 4 + length);
          break;
        }
      }
      const n = await conn.read(buffer);
      if (n === null) throw new Error("server closed the connection");
      pending += decoder.decode(buffer.subarray(0, n));
    }
    latencies.push(performance.now() - t0);
  }
  conn.close();
  return latencies;
}

interface Level {
  rps: number;
  p50: number;
  p99: number;
}

/** The round with the median throughput. */
function median(rounds: Level[]): Level {
  return [...rounds].sort((a, b) => a.rps - b.rps)[Math.floor(rounds.length / 2)];
}

async function level(socket: string, path: string, concurrency: number): Promise<Level> {
  const per = Math.ceil(total / concurrency);
  await Promise.all(Array.from({ length: concurrency }, () => client(socket, path, 20))); // warm
  const t0 = performance.now();
  const all = (await Promise.all(
    Array.from({ length: concurrency }, () => client(socket, path, per)),
  )).flat().sort((a, b) => a - b);
  const seconds = (performance.now() - t0) / 1000;
  const at = (q: number) => all[Math.min(all.length - 1, Math.floor(q * all.length))];
  return { rps: all.length / seconds, p50: at(0.5), p99: at(0.99) };
}

const daemonSocket = `${dir}/daemon.sock`;
const helloSocket = `${dir}/hello.sock`;
const rawSocket = `${dir}/raw.sock`;
const daemon = start([
  "run",
  ...START_FLAGS,
  "main.ts",
  "--host",
  `unix://${daemonSocket}`,
  "--data-root",
  `${dir}/data`,
  "--log-level",
  "error",
]);
const hello = start(["run", "-A", "bench/hello_server.ts", "serve", helloSocket]);
const raw = start(["run", "-A", "bench/hello_server.ts", "raw", rawSocket]);
try {
  await waitFor(daemonSocket);
  await waitFor(helloSocket);
  await waitFor(rawSocket);
  console.log(
    "| path | clients | daemon req/s | Deno.serve hello req/s | ratio | raw socket req/s | ratio | daemon p50/p99 ms | hello p50/p99 ms |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const path of ["/_ping", "/version"]) {
    for (const concurrency of [1, 16, 64]) {
      const rounds = { ceiling: [] as Level[], ours: [] as Level[], floor: [] as Level[] };
      for (let round = 0; round < ROUNDS; round++) {
        rounds.ceiling.push(await level(helloSocket, path, concurrency));
        rounds.ours.push(await level(daemonSocket, path, concurrency));
        rounds.floor.push(await level(rawSocket, path, concurrency));
      }
      const [ceiling, ours, floor] = [rounds.ceiling, rounds.ours, rounds.floor].map(median);
      console.log(
        `| ${path} | ${concurrency} | ${ours.rps.toFixed(0)} | ${ceiling.rps.toFixed(0)} | ${
          (ours.rps / ceiling.rps).toFixed(2)
        } | ${floor.rps.toFixed(0)} | ${(ours.rps / floor.rps).toFixed(2)} | ${
          ours.p50.toFixed(3)
        }/${ours.p99.toFixed(3)} | ${ceiling.p50.toFixed(3)}/${ceiling.p99.toFixed(3)} |`,
      );
    }
  }
} finally {
  daemon.kill("SIGTERM");
  hello.kill("SIGTERM");
  raw.kill("SIGTERM");
  await Promise.allSettled([daemon.status, hello.status, raw.status]);
  await Deno.remove(dir, { recursive: true }).catch(() => {});
}
