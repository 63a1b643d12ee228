/**
 * The memory backend's virtual network through the real docker CLI, each figure beside a
 * baseline measured in the same run:
 * - name lookup + TCP connect between two sandbox containers (`nc -z web 80` in a loop inside
 *   one `docker exec`), less the same loop running the shell's `true` (loop and exec cost);
 * - busybox `httpd` → `wget` request latency, less the same baseline;
 * - 100 MB from the host through a published port into a container's `nc -l`, beside the same
 *   100 MB over plain loopback to a listener in this process (ratio).
 *
 * Usage: deno run -A bench/network_bench.ts [loop count, default 200]
 */
const loops = Number(Deno.args[0] ?? 200);
const root = new URL("../", import.meta.url);
const dir = await Deno.makeTempDir({ prefix: "sockerless-net-bench-" });
const socket = `${dir}/docker.sock`;
const env = { DOCKER_HOST: `unix://${socket}`, DOCKER_CONFIG: dir, DOCKER_CLI_HINTS: "false" };
const daemon = new Deno.Command(Deno.execPath(), {
  args: ["run", "-A", "main.ts", "--host", `unix://${socket}`, "--data-root", `${dir}/data`],
  cwd: root,
  stdout: "null",
  stderr: "null",
}).spawn();

async function docker(args: string[]): Promise<string> {
  const out = await new Deno.Command("docker", { args, env, stdin: "null" }).output();
  if (!out.success) {
    throw new Error(`docker ${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
  }
  return new TextDecoder().decode(out.stdout);
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

function loop(body: string): string[] {
  return [
    "exec",
    "client",
    "sh",
    "-c",
    `i=0; while [ $i -lt ${loops} ]; do ${body}; i=$((i+1)); done`,
  ];
}

const MB100 = 100 * 1024 * 1024;
const block = new Uint8Array(1 << 20).map((_, i) => i % 256);

async function send100(port: number): Promise<void> {
  const conn = await Deno.connect({ hostname: "127.0.0.1", port });
  const writer = conn.writable.getWriter();
  for (let sent = 0; sent < MB100; sent += block.length) await writer.write(block);
  await conn.closeWrite();
  writer.releaseLock();
  // Wait for the far end to finish reading: it closes its side when done.
  for await (const _ of conn.readable) { /* nothing is sent back */ }
}

try {
  for (let i = 0; i < 300; i++) {
    try {
      await docker(["version", "--format", "{{.Server.Version}}"]);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await docker(["network", "create", "bench"]);
  await docker([
    "run",
    "-d",
    "--name",
    "web",
    "--network",
    "bench",
    "alpine",
    "sh",
    "-c",
    "mkdir -p /www && echo ok > /www/index.html && httpd -f -p 80 -h /www",
  ]);
  await docker([
    "run",
    "-d",
    "--name",
    "client",
    "--network",
    "bench",
    "alpine",
    "sleep",
    "100000",
  ]);
  await docker(["exec", "client", "sh", "-c", "until nc -z web 80; do sleep 0.1; done"]);

  // Warm-up: the first runs of each applet pay for compiling it in the container's Worker.
  for (const body of ["true", "nc -z web 80", "wget -q -O /dev/null http://web/"]) {
    await docker(loop(body));
  }
  const base = await timed(() => docker(loop("true")));
  const connect = await timed(() => docker(loop("nc -z web 80")));
  const request = await timed(() => docker(loop("wget -q -O /dev/null http://web/")));
  const perOp = (t: number) => ((t - base) / loops).toFixed(2);
  console.log(
    `loop of ${loops} in one docker exec; baseline (true) ${(base / loops).toFixed(2)} ms/iter`,
  );
  console.log(`name lookup + TCP connect (nc -z web 80): ${perOp(connect)} ms beyond the baseline`);
  console.log(
    `httpd → wget request (wget -q -O /dev/null http://web/): ${
      perOp(request)
    } ms beyond the baseline`,
  );

  // Plain loopback: a listener here that reads and discards, then closes.
  const plain = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  (async () => {
    for await (const conn of plain) {
      for await (const _ of conn.readable) { /* discard */ }
    }
  })();
  const loopback = await timed(() => send100((plain.addr as Deno.NetAddr).port));
  plain.close();

  await docker([
    "run",
    "-d",
    "--name",
    "sink",
    "-p",
    "127.0.0.1::81",
    "alpine",
    "sh",
    "-c",
    "nc -l -p 81 > /dev/null",
  ]);
  const port = Number((await docker(["port", "sink", "81"])).trim().split(":").pop());
  for (let i = 0; i < 100 && !(await docker(["top", "sink"])).includes("nc -l"); i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  const published = await timed(() => send100(port));
  const mbps = (ms: number) => (100 / (ms / 1000)).toFixed(0);
  console.log(`100 MB over plain loopback: ${loopback.toFixed(0)} ms (${mbps(loopback)} MB/s)`);
  console.log(
    `100 MB through a published port into nc -l: ${published.toFixed(0)} ms (${
      mbps(published)
    } MB/s)`,
  );
  console.log(`ratio published/loopback: ${(published / loopback).toFixed(1)}x`);
} finally {
  daemon.kill("SIGTERM");
  await daemon.status;
  await Deno.remove(dir, { recursive: true }).catch(() => {});
}
