/**
 * Applet throughput in the sandbox against busybox run natively, measured in the same run:
 * `sort` of 1 MB and `grep` over 10 MB. Each group's baseline is the native busybox process
 * (spawn included), so the reported ratio is how many times slower the sandbox is.
 * Needs Debian's busybox-static on PATH; without it the native baselines are skipped loudly.
 *
 *   deno bench -A bench/sandbox_applets_bench.ts
 */
import { createFileSystem, createSandbox, rootfsLayer } from "../tests/sandbox/sandbox_api.ts";

const encoder = new TextEncoder();

/** Deterministic pseudo-random text: `count` lines of lowercase words. */
function makeLines(bytes: number, seed: number): string {
  let state = seed;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    const words = 1 + (next() % 6);
    let line = "";
    for (let w = 0; w < words; w++) {
      const len = 3 + (next() % 7);
      for (let i = 0; i < len; i++) line += String.fromCharCode(97 + (next() % 26));
      if (w < words - 1) line += " ";
    }
    if (next() % 50 === 0) line += " ERROR";
    parts.push(line);
    size += line.length + 1;
  }
  return parts.join("\n") + "\n";
}

const sortData = encoder.encode(makeLines(1024 * 1024, 7));
const grepData = encoder.encode(makeLines(10 * 1024 * 1024, 11));

const dir = await Deno.makeTempDir({ prefix: "sockerless-bench-" });
await Deno.writeFile(`${dir}/sort.txt`, sortData);
await Deno.writeFile(`${dir}/grep.txt`, grepData);

let busybox: string | undefined;
try {
  const out = await new Deno.Command("sh", { args: ["-c", "command -v busybox"], stdout: "piped" })
    .output();
  busybox = new TextDecoder().decode(out.stdout).trim() || undefined;
} catch {
  busybox = undefined;
}
if (!busybox) {
  console.error(
    "!!! busybox not found: native baselines skipped (apt-get install -y busybox-static)",
  );
}

const system = {
  hostname: "bench",
  kernel: { sysname: "Linux", release: "6.1.0", version: "#1", machine: "x86_64" },
  ncpu: 2,
  memTotalBytes: 1 << 30,
  memFreeBytes: () => 1 << 29,
  bootTimeMs: Date.now(),
};
const fs = await createFileSystem({ image: rootfsLayer(), system });
await fs.writeFile("/sort.txt", sortData);
await fs.writeFile("/grep.txt", grepData);
const sandbox = createSandbox({ fs, system });

/** Runs argv in the sandbox, counting (and discarding) output bytes. */
async function inSandbox(argv: string[]): Promise<number> {
  let bytes = 0;
  const sink = { write: (d: Uint8Array | string) => ((bytes += d.length), Promise.resolve()) };
  const p = await sandbox.spawn({
    argv,
    stdin: { read: () => Promise.resolve(null), unread: () => {} },
    stdout: sink,
    stderr: sink,
  });
  const status = await p.exited;
  if (status > 1) throw new Error(`${argv.join(" ")} exited ${status}`);
  return bytes;
}

async function native(args: string[]): Promise<number> {
  const out = await new Deno.Command(busybox!, { args, stdout: "piped", stderr: "piped" }).output();
  if (out.code > 1) throw new Error(`busybox ${args.join(" ")} exited ${out.code}`);
  return out.stdout.length;
}

Deno.bench({
  name: "busybox sort 1 MB (native)",
  group: "sort",
  baseline: true,
  ignore: !busybox,
  fn: async () => {
    await native(["sort", `${dir}/sort.txt`]);
  },
});
Deno.bench({
  name: "sandbox sort 1 MB",
  group: "sort",
  fn: async () => {
    await inSandbox(["sort", "/sort.txt"]);
  },
});
Deno.bench({
  name: "busybox grep 10 MB (native)",
  group: "grep",
  baseline: true,
  ignore: !busybox,
  fn: async () => {
    await native(["grep", "-c", "ERROR", `${dir}/grep.txt`]);
  },
});
Deno.bench({
  name: "sandbox grep 10 MB",
  group: "grep",
  fn: async () => {
    await inSandbox(["grep", "-c", "ERROR", "/grep.txt"]);
  },
});
Deno.bench({
  name: "busybox grep -E 10 MB (native)",
  group: "grep-E",
  baseline: true,
  ignore: !busybox,
  fn: async () => {
    await native(["grep", "-E", "-c", "^[a-f]+ (err|xyz)", `${dir}/grep.txt`]);
  },
});
Deno.bench({
  name: "sandbox grep -E 10 MB",
  group: "grep-E",
  fn: async () => {
    await inSandbox(["grep", "-E", "-c", "^[a-f]+ (err|xyz)", "/grep.txt"]);
  },
});

globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
