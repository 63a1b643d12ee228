/**
 * Runs applets in tests against the real in-memory filesystem from sandbox/fs, with stdin from a
 * string and stdout/stderr collected. `spawn` dispatches to the applet registry by name, so
 * xargs, find -exec, env and timeout run real applets.
 *
 * @module
 */
import { createFileSystem } from "../fs/mod.ts";
import { bytesInput, collectOutput } from "../io.ts";
import type { Applet, FileSystem, ProcessContext, ProcessInfo, SpawnOptions } from "../types.ts";

export interface RunOptions {
  stdin?: string | Uint8Array;
  /** Files to create first: path → content (a trailing "/" in the path makes a directory). */
  files?: Record<string, string | Uint8Array>;
  cwd?: string;
  env?: Record<string, string>;
  fs?: FileSystem;
  signal?: AbortSignal;
  processes?: ProcessInfo[];
  uid?: number;
}

export interface RunResult {
  status: number;
  stdout: string;
  stderr: string;
  stdoutBytes: Uint8Array;
  fs: FileSystem;
  killed: string[];
}

const PASSWD = "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n";
const GROUP = "root:x:0:root\nnogroup:x:65534:\n";

/** A filesystem with /etc/passwd, /etc/group, /tmp and the given files. */
export async function testFileSystem(files: Record<string, string | Uint8Array> = {}) {
  const fs = await createFileSystem({ devices: true });
  await fs.mkdir("/etc", { recursive: true });
  await fs.mkdir("/tmp", { recursive: true, mode: 0o1777 });
  await fs.writeFile("/etc/passwd", new TextEncoder().encode(PASSWD));
  await fs.writeFile("/etc/group", new TextEncoder().encode(GROUP));
  for (const [path, content] of Object.entries(files)) {
    if (path.endsWith("/")) {
      await fs.mkdir(path, { recursive: true });
      continue;
    }
    const dir = path.slice(0, path.lastIndexOf("/"));
    if (dir) await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(
      path,
      typeof content === "string" ? new TextEncoder().encode(content) : content,
    );
  }
  return fs;
}

/** Runs `applet` with `argv` and returns its status and output. */
export async function run(
  applet: Applet,
  argv: string[],
  options: RunOptions = {},
): Promise<RunResult> {
  const fs = options.fs ?? await testFileSystem(options.files);
  const stdout = collectOutput();
  const stderr = collectOutput();
  const killed: string[] = [];
  const { applets } = await import("./mod.ts");
  const processes = options.processes ?? [];
  const base: Omit<
    ProcessContext,
    "argv" | "stdin" | "stdout" | "stderr" | "signal" | "env" | "cwd"
  > = {
    pid: 42,
    uid: options.uid ?? 0,
    gid: options.uid ?? 0,
    umask: 0o022,
    fs,
    processes: {
      list: () => processes,
      kill: (pid, signal) => {
        if (!processes.some((p) => p.pid === pid)) return false;
        killed.push(`${pid}:${signal}`);
        return true;
      },
    },
    system: {
      hostname: "sandbox-test",
      kernel: {
        sysname: "Linux",
        release: "6.1.0-sockerless",
        version: "#1 SMP",
        machine: "x86_64",
      },
      ncpu: 2,
      memTotalBytes: 1024 * 1024 * 1024,
      memFreeBytes: () => 512 * 1024 * 1024,
      bootTimeMs: Date.now() - 3_725_000,
    },
    spawn: (argv: string[], spawnOptions: SpawnOptions = {}) => {
      const name = argv[0].slice(argv[0].lastIndexOf("/") + 1);
      const program = applets[name];
      if (!program) return Promise.reject(new Error(`${argv[0]}: not found`));
      return program({
        ...base,
        argv,
        env: spawnOptions.env ?? ctx.env,
        cwd: spawnOptions.cwd ?? ctx.cwd,
        stdin: spawnOptions.stdin ?? ctx.stdin,
        stdout: spawnOptions.stdout ?? ctx.stdout,
        stderr: spawnOptions.stderr ?? ctx.stderr,
        signal: spawnOptions.signal
          ? AbortSignal.any([spawnOptions.signal, ctx.signal])
          : ctx.signal,
      });
    },
  };
  const ctx: ProcessContext = {
    ...base,
    argv,
    env: options.env ?? { PATH: "/bin:/usr/bin", HOME: "/root" },
    cwd: options.cwd ?? "/",
    stdin: bytesInput(options.stdin ?? ""),
    stdout,
    stderr,
    signal: options.signal ?? new AbortController().signal,
  };
  const status = await applet(ctx);
  return {
    status,
    stdout: stdout.text(),
    stderr: stderr.text(),
    stdoutBytes: stdout.bytes(),
    fs,
    killed,
  };
}

/** Reads a file of the test filesystem as text. */
export async function readText(fs: FileSystem, path: string): Promise<string> {
  return new TextDecoder().decode(await fs.readFile(path));
}
