/**
 * Differential conformance: runs a shell script with the host's `busybox sh` (the oracle) and in
 * the sandbox on an equivalent filesystem, and compares stdout, stderr, exit status and the files
 * left in the work directory. Both sides use the same absolute work path (the sandbox creates the
 * host's temp path inside its own filesystem), so no path needs rewriting.
 *
 * Run a few scripts by name while working on them:
 * `deno run -A tests/sandbox/differential.ts 012-sed-basic 200-ci-build`
 *
 * @module
 */
import { createFileSystem, createSandbox, type FileSystem, rootfsLayer } from "./sandbox_api.ts";
import { SEED_FILES } from "./seed.ts";

export const CORPUS_DIR = new URL("./corpus/", import.meta.url);
const SCRIPT_TIMEOUT_MS = 10_000;

export interface Outcome {
  stdout: string;
  stderr: string;
  status: number;
  /** One line per path left under the work directory: type, mode, size, content digest. */
  files: string[];
}

export interface Comparison {
  name: string;
  same: boolean;
  host: Outcome;
  sandbox: Outcome;
  differences: string[];
}

const BASE_ENV = { TZ: "UTC", LC_ALL: "C", USER: "root", LOGNAME: "root", SHELL: "/bin/sh" };

/** True when a busybox binary is on the host PATH. */
export async function busyboxAvailable(): Promise<boolean> {
  try {
    const { success } = await new Deno.Command("busybox", {
      args: ["true"],
      stdout: "null",
      stderr: "null",
    }).output();
    return success;
  } catch {
    return false;
  }
}

/** A directory of symlinks to busybox for every applet it has (busybox's own --install -s). */
export async function busyboxBinDir(root: string): Promise<string> {
  const bin = `${root}/bin`;
  await Deno.mkdir(bin, { recursive: true });
  const path = new TextDecoder().decode(
    (await new Deno.Command("sh", { args: ["-c", "command -v busybox"], stdout: "piped" }).output())
      .stdout,
  ).trim();
  const { success } = await new Deno.Command(path, { args: ["--install", "-s", bin] }).output();
  if (!success) throw new Error(`busybox --install -s ${bin} failed`);
  return bin;
}

async function digest(data: Uint8Array): Promise<string> {
  const hash = new Uint8Array(
    await crypto.subtle.digest("SHA-256", data as Uint8Array<ArrayBuffer>),
  );
  return Array.from(hash.slice(0, 8), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * One listing line for a regular file. Archives are compared by kind only: tar headers carry
 * owner names and times, and gzip streams differ with the compressor, so their bytes legitimately
 * differ while their contents (checked by the scripts that unpack them) must not.
 */
async function fileLine(rel: string, mode: string, data: Uint8Array): Promise<string> {
  if (data[0] === 0x1f && data[1] === 0x8b) return `f ${rel} ${mode} gzip`;
  if (data.length >= 512 && new TextDecoder().decode(data.subarray(257, 262)) === "ustar") {
    return `f ${rel} ${mode} tar`;
  }
  return `f ${rel} ${mode} ${data.length} ${await digest(data)}`;
}

/** Lists the host work directory like {@link listSandbox}. */
async function listHost(dir: string, prefix = ""): Promise<string[]> {
  const lines: string[] = [];
  const entries = [];
  for await (const e of Deno.readDir(dir + prefix)) entries.push(e.name);
  for (const name of entries.sort()) {
    const rel = `${prefix}/${name}`;
    const path = dir + rel;
    const st = await Deno.lstat(path);
    const mode = (st.mode! & 0o7777).toString(8);
    if (st.isSymlink) lines.push(`l ${rel} -> ${await Deno.readLink(path)}`);
    else if (st.isDirectory) {
      lines.push(`d ${rel} ${mode}`);
      lines.push(...(await listHost(dir, rel)));
    } else if (st.isFile) {
      lines.push(await fileLine(rel, mode, await Deno.readFile(path)));
    } else lines.push(`${st.isFifo ? "p" : "?"} ${rel} ${mode}`);
  }
  return lines;
}

async function listSandbox(fs: FileSystem, dir: string, prefix = ""): Promise<string[]> {
  const lines: string[] = [];
  for (const entry of await fs.readdir(dir + prefix)) {
    const rel = `${prefix}/${entry.name}`;
    const path = dir + rel;
    const st = await fs.stat(path, { follow: false });
    const mode = st.mode.toString(8);
    if (st.kind === "symlink") lines.push(`l ${rel} -> ${await fs.readlink(path)}`);
    else if (st.kind === "dir") {
      lines.push(`d ${rel} ${mode}`);
      lines.push(...(await listSandbox(fs, dir, rel)));
    } else if (st.kind === "file") {
      lines.push(await fileLine(rel, mode, await fs.readFile(path)));
    } else lines.push(`${st.kind === "fifo" ? "p" : "?"} ${rel} ${mode}`);
  }
  return lines;
}

/** Runs `script` with the host's busybox sh in a fresh directory under `root`. */
export async function runHost(script: string, root: string, bin: string): Promise<Outcome> {
  const base = await Deno.makeTempDir({ dir: root });
  const work = `${base}/work`;
  await writeSeeds(
    work,
    (path, data) => Deno.writeFile(path, data),
    (path) => Deno.mkdir(path, { recursive: true }),
  );
  const scriptPath = `${base}/script.sh`;
  await Deno.writeTextFile(scriptPath, script);
  const command = new Deno.Command(`${bin}/sh`, {
    args: ["-c", 'umask 022; exec sh "$0"', scriptPath],
    cwd: work,
    clearEnv: true,
    env: { ...BASE_ENV, PATH: bin, HOME: work, PWD: work },
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(SCRIPT_TIMEOUT_MS),
  });
  const output = await command.output();
  const result: Outcome = {
    stdout: new TextDecoder().decode(output.stdout),
    stderr: new TextDecoder().decode(output.stderr),
    status: output.signal ? 128 + (output.signal === "SIGTERM" ? 15 : 9) : output.code,
    files: await listHost(work),
  };
  await Deno.remove(base, { recursive: true });
  result.stdout = result.stdout.replaceAll(base, "$BASE");
  result.stderr = result.stderr.replaceAll(base, "$BASE");
  return result;
}

async function writeSeeds(
  work: string,
  write: (path: string, data: Uint8Array) => Promise<void>,
  mkdir: (path: string) => Promise<void>,
) {
  await mkdir(work);
  for (const [rel, content] of Object.entries(SEED_FILES)) {
    const path = `${work}/${rel}`;
    await mkdir(path.slice(0, path.lastIndexOf("/")));
    await write(path, new TextEncoder().encode(content));
  }
}

/** Runs `script` in a sandbox over the built-in root filesystem, at the same paths as the host. */
export async function runSandbox(script: string, base: string): Promise<Outcome> {
  const system = {
    hostname: "sandbox",
    kernel: { sysname: "Linux", release: "6.1.0", version: "#1 SMP", machine: "x86_64" },
    ncpu: 2,
    memTotalBytes: 1 << 30,
    memFreeBytes: () => 1 << 29,
    bootTimeMs: Date.now(),
  };
  const fs = await createFileSystem({ image: rootfsLayer(), system });
  const work = `${base}/work`;
  await writeSeeds(
    work,
    (path, data) => fs.writeFile(path, data),
    (path) => fs.mkdir(path, { recursive: true }),
  );
  const scriptPath = `${base}/script.sh`;
  await fs.writeFile(scriptPath, new TextEncoder().encode(script));
  const sandbox = createSandbox({ fs, system });
  const stdout: Uint8Array[] = [];
  const stderr: Uint8Array[] = [];
  const sink = (list: Uint8Array[]) => ({
    write(data: Uint8Array | string) {
      list.push(typeof data === "string" ? new TextEncoder().encode(data) : data.slice());
      return Promise.resolve();
    },
  });
  const process = await sandbox.spawn({
    argv: ["sh", scriptPath],
    env: { ...BASE_ENV, PATH: "/usr/local/bin:/usr/bin:/bin", HOME: work, PWD: work },
    cwd: work,
    stdin: { read: () => Promise.resolve(null), unread: () => {} },
    stdout: sink(stdout),
    stderr: sink(stderr),
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const status = await Promise.race([
    process.exited,
    new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        process.kill("SIGKILL");
        sandbox.killAll();
        resolve(137);
      }, SCRIPT_TIMEOUT_MS);
    }),
  ]);
  clearTimeout(timer);
  sandbox.killAll();
  const decode = (list: Uint8Array[]) =>
    new TextDecoder().decode(new Uint8Array(list.flatMap((c) => [...c])));
  return {
    stdout: decode(stdout).replaceAll(base, "$BASE"),
    stderr: decode(stderr).replaceAll(base, "$BASE"),
    status,
    files: await listSandbox(fs, work),
  };
}

/** Compares two outcomes field by field. */
export function compare(name: string, host: Outcome, sandbox: Outcome): Comparison {
  const differences: string[] = [];
  if (host.status !== sandbox.status) {
    differences.push(`status: busybox ${host.status}, sandbox ${sandbox.status}`);
  }
  if (host.stdout !== sandbox.stdout) {
    differences.push(
      `stdout:\n  busybox ${JSON.stringify(host.stdout)}\n  sandbox ${
        JSON.stringify(sandbox.stdout)
      }`,
    );
  }
  if (host.stderr !== sandbox.stderr) {
    differences.push(
      `stderr:\n  busybox ${JSON.stringify(host.stderr)}\n  sandbox ${
        JSON.stringify(sandbox.stderr)
      }`,
    );
  }
  const hf = host.files.join("\n"), sf = sandbox.files.join("\n");
  if (hf !== sf) {
    const onlyHost = host.files.filter((l) => !sandbox.files.includes(l));
    const onlySandbox = sandbox.files.filter((l) => !host.files.includes(l));
    differences.push(
      `files:\n  busybox only ${JSON.stringify(onlyHost)}\n  sandbox only ${
        JSON.stringify(onlySandbox)
      }`,
    );
  }
  return { name, same: differences.length === 0, host, sandbox, differences };
}

/** Names of the corpus scripts (without .sh), sorted. */
export async function corpusNames(): Promise<string[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(CORPUS_DIR)) {
    if (e.name.endsWith(".sh")) names.push(e.name.slice(0, -3));
  }
  return names.sort();
}

/** How many scripts run at once: each waits mostly on a host process or on timers. */
const CONCURRENCY = 4;

/** Runs the named corpus scripts on both sides, a few at a time; results keep `names` order. */
export async function runCorpus(
  names: string[],
  onResult?: (c: Comparison) => void,
): Promise<Comparison[]> {
  const root = await Deno.makeTempDir({ prefix: "sockerless-diff-" });
  try {
    const bin = await busyboxBinDir(root);
    const results: Comparison[] = new Array(names.length);
    let next = 0;
    const worker = async () => {
      while (next < names.length) {
        const index = next++;
        const name = names[index];
        const script = await Deno.readTextFile(new URL(`${name}.sh`, CORPUS_DIR));
        // The sandbox side uses its own base path; both sides print it as $BASE.
        const [host, sandbox] = await Promise.all([
          runHost(script, root, bin),
          runSandbox(script, `${root}/${name}`),
        ]);
        results[index] = compare(name, host, sandbox);
        onResult?.(results[index]);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return results;
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

if (import.meta.main) {
  const names = Deno.args.length > 0 ? Deno.args : await corpusNames();
  const results = await runCorpus(names, (c) => {
    if (!c.same) console.log(`FAIL ${c.name}\n${c.differences.join("\n")}\n`);
  });
  const passed = results.filter((c) => c.same).length;
  console.log(
    `${passed}/${results.length} scripts match busybox (${
      ((100 * passed) / results.length).toFixed(1)
    }%)`,
  );
}
