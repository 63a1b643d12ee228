/**
 * `deno task matrix`: runs the docker CLI scenarios against each backend (memory, then ecs and
 * lambda on the AWS simulator), prints each outcome as it comes, writes docs/backend_matrix.md
 * and ends with the summary line. Exits 1 when a memory scenario does not pass.
 *
 * Options: `--backend NAME` (repeatable) runs only those columns; `--only N` (repeatable) runs
 * only scenario N (1-based); `--out FILE` writes elsewhere (`-` for stdout only).
 *
 * @module
 */
import { parseArgs } from "node:util";
import { missingPackages, startRegistry, type TestRegistry } from "../registry/registry_server.ts";
import { seedBusybox } from "../registry/seed.ts";
import { startBackendDaemon } from "./backend_daemon.ts";
import { type Column, renderMatrix, summary } from "./report.ts";
import { runColumn } from "./run_column.ts";
import { scenarios as all } from "./scenarios/mod.ts";
import type { BackendName } from "./session.ts";

const BACKENDS: BackendName[] = ["memory", "ecs", "lambda"];
// The repository's settings (line width) also for a matrix written outside it (`--out /tmp/x.md`).
const CONFIG = new URL("../../deno.json", import.meta.url).pathname;

const { values } = parseArgs({
  args: Deno.args,
  options: {
    backend: { type: "string", multiple: true },
    only: { type: "string", multiple: true },
    out: {
      type: "string",
      default: new URL("../../docs/backend_matrix.md", import.meta.url).pathname,
    },
  },
});
const backends = (values.backend ?? BACKENDS) as BackendName[];
for (const b of backends) {
  if (!BACKENDS.includes(b)) throw new Error(`unknown backend ${b}: ${BACKENDS.join(", ")}`);
}
const picked = values.only?.map(Number) ?? all.map((_, i) => i + 1);
const scenarios = picked.map((n) => {
  if (!all[n - 1]) throw new Error(`no scenario ${n}: 1..${all.length}`);
  return all[n - 1];
});

const started = Date.now();
let registry: TestRegistry | null = null;
const missing = missingPackages();
if (missing.length > 0) {
  console.error(`registry scenarios will FAIL: apt-get install -y ${missing.join(" ")}`);
} else {
  registry = await startRegistry();
  await seedBusybox(registry, "busybox:latest");
}

async function runBackend(backend: BackendName): Promise<Column> {
  const columnStart = Date.now();
  const daemon = await startBackendDaemon(backend, registry?.host ?? null);
  try {
    const outcomes = await runColumn(daemon, scenarios, picked, (i, o) => {
      const what = o.kind === "pass"
        ? "pass"
        : o.kind === "501"
        ? `501 ${o.message} [${o.command}]`
        : `FAIL ${o.detail}`;
      console.log(
        `${backend} #${picked[i]} ${scenarios[i].name}: ${what} (${(o.ms / 1000).toFixed(1)} s)`,
      );
    });
    console.log(`${backend}: ${((Date.now() - columnStart) / 1000).toFixed(0)} s`);
    return { backend, outcomes };
  } finally {
    await daemon.stop();
  }
}

const columns: Column[] = [];
try {
  // memory alone first (it is the reference column); the cloud columns, which mostly wait on
  // the simulator's timers, side by side, each with its own simulator.
  if (backends.includes("memory")) columns.push(await runBackend("memory"));
  const cloud = backends.filter((b) => b !== "memory");
  columns.push(...await Promise.all(cloud.map(runBackend)));
} finally {
  await registry?.stop();
}

const docker = new TextDecoder().decode(
  (await new Deno.Command("docker", {
    args: ["version", "-f", "{{.Client.Version}}"],
    stdout: "piped",
    stderr: "null",
  }).output()).stdout,
).trim();
const markdown = renderMatrix(scenarios.map((s, i) => ({ ...s, number: picked[i] })), columns, {
  date: new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC",
  seconds: Math.round((Date.now() - started) / 1000),
  docker,
});
if (values.out === "-") console.log(markdown);
else {
  await Deno.writeTextFile(values.out!, markdown);
  // The repository's formatter has the last word on the table's layout.
  const fmt = await new Deno.Command(Deno.execPath(), {
    args: ["fmt", "--config", CONFIG, "--quiet", values.out!],
  })
    .output();
  if (!fmt.success) throw new Error(new TextDecoder().decode(fmt.stderr));
}
console.log(`Summary: ${summary(columns)} (${Math.round((Date.now() - started) / 1000)} s)`);
const memory = columns.find((c) => c.backend === "memory");
if (memory?.outcomes.some((o) => o.kind === "FAIL")) Deno.exit(1);
