/**
 * The sandbox shell against Debian's `busybox sh` (package busybox-static), measured in the same
 * run so the ratio survives a noisy machine. Read the "summary" lines of `deno bench`:
 * - ci: a shell-bound CI-like script (loops, string operations, functions, case, pipelines);
 *   goal ≤ 5× busybox.
 * - pipe: `seq 1 1000000 | wc -l`, bytes through two concurrent applets and a pipe.
 * - start: `sh -c 'echo hi'` in an already running zero-permission Worker, against starting a
 *   busybox process.
 *
 * Run: deno bench -A bench/sandbox_shell_bench.ts
 *
 * @module
 */
import {
  bytesInput,
  collectOutput,
  createFileSystem,
  createProcessTable,
  createSandbox,
  rootfsLayer,
} from "../sandbox/mod.ts";
import { TEST_SYSTEM } from "../sandbox/shell/test_utils.ts";

const CI_SCRIPT = `
i=0; total=0
greet() { local name=$1; echo "hello \${name}"; }
while [ $i -lt 2000 ]; do
  s="item-$i"; s=\${s#item-}; total=$((total + s))
  case $s in *5) greet "$s" >/dev/null;; esac
  i=$((i+1))
done
for f in a b c d e; do echo "$f" | tr a-z A-Z; done
echo $total
`;
const CI_OUTPUT = "A\nB\nC\nD\nE\n1999000\n";
const PIPE_SCRIPT = "seq 1 1000000 | wc -l";

function busybox(): string {
  for (const path of ["/usr/bin/busybox", "/bin/busybox"]) {
    try {
      Deno.statSync(path);
      return path;
    } catch {
      // try the next location
    }
  }
  throw new Error(
    "busybox not found: install Debian's busybox-static (apt-get install -y busybox-static)",
  );
}
const BUSYBOX = busybox();

async function nativeSh(script: string): Promise<string> {
  const out = await new Deno.Command(BUSYBOX, { args: ["sh", "-c", script], stdin: "null" })
    .output();
  if (!out.success) throw new Error(`busybox sh failed: ${new TextDecoder().decode(out.stderr)}`);
  return new TextDecoder().decode(out.stdout);
}

const processes = createProcessTable();
const sandbox = createSandbox({
  fs: await createFileSystem({ image: rootfsLayer(), system: TEST_SYSTEM, processes }),
  system: TEST_SYSTEM,
  processes,
});

async function sandboxSh(script: string): Promise<string> {
  const stdout = collectOutput();
  const stderr = collectOutput();
  const p = await sandbox.spawn({
    argv: ["sh", "-c", script],
    stdin: bytesInput(""),
    stdout,
    stderr,
  });
  const status = await p.exited;
  if (status !== 0) throw new Error(`sandbox sh exited ${status}: ${stderr.text()}`);
  return stdout.text();
}

function expect(actual: string, expected: string) {
  if (actual !== expected) throw new Error(`wrong output ${JSON.stringify(actual)}`);
}

Deno.bench("busybox sh: CI-like script", { group: "ci", baseline: true }, async () => {
  expect(await nativeSh(CI_SCRIPT), CI_OUTPUT);
});
Deno.bench("sandbox sh: CI-like script", { group: "ci" }, async () => {
  expect(await sandboxSh(CI_SCRIPT), CI_OUTPUT);
});

Deno.bench("busybox: seq 1 1000000 | wc -l", { group: "pipe", baseline: true }, async () => {
  expect((await nativeSh(PIPE_SCRIPT)).trim(), "1000000");
});
Deno.bench("sandbox: seq 1 1000000 | wc -l", { group: "pipe" }, async () => {
  expect((await sandboxSh(PIPE_SCRIPT)).trim(), "1000000");
});

const worker = new Worker(new URL("../sandbox/process/isolation_worker.ts", import.meta.url), {
  type: "module",
  deno: { permissions: "none" },
});
function inWorker(script: string): Promise<{ status: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    worker.onmessage = (e) => resolve(e.data);
    worker.onerror = (e) => reject(new Error(e.message));
    worker.postMessage({ script, hostFile: "/nonexistent" });
  });
}
// Warm the Worker: module loading and the parser import are not part of a container's start.
expect((await inWorker("echo warm")).stdout, "warm\n");

Deno.bench(
  "busybox: sh -c 'echo hi' (process start)",
  { group: "start", baseline: true },
  async () => {
    expect(await nativeSh("echo hi"), "hi\n");
  },
);
Deno.bench("sandbox: sh -c 'echo hi' in a warm Worker", { group: "start" }, async () => {
  expect((await inWorker("echo hi")).stdout, "hi\n");
});

globalThis.addEventListener("unload", () => worker.terminate());
