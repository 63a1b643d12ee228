/**
 * Test helpers for the shell and process model: a kernel over the real in-memory filesystem
 * with `/bin/busybox`, a link per applet, and `sh -c` with captured output.
 *
 * @module
 */
import { testRootfs } from "./test_rootfs.ts";
import { applets as registry } from "../applets/mod.ts";
import { bytesInput, collectOutput } from "../io.ts";
import type { Applet, FileSystem, Input, Output, SystemInfo } from "../types.ts";
import { Kernel } from "../process/kernel.ts";
import { KernelProcessTable } from "../process/table.ts";
import { DEFAULT_BINARIES } from "../sandbox.ts";
import { shellApplet } from "./sh.ts";

export const TEST_SYSTEM: SystemInfo = {
  hostname: "sandbox",
  kernel: { sysname: "Linux", release: "6.1.0-sockerless", version: "#1 SMP", machine: "x86_64" },
  ncpu: 2,
  memTotalBytes: 1 << 30,
  memFreeBytes: () => 1 << 29,
  bootTimeMs: Date.now(),
};

export const ENV = { PATH: "/usr/local/bin:/usr/bin:/bin", HOME: "/root" };

/** Applets plus the shell under its three names. */
export function allApplets(): Record<string, Applet> {
  return { ...registry, sh: shellApplet, ash: shellApplet, bash: shellApplet };
}

/** A filesystem with /bin/busybox, a symlink per applet, /tmp, /root and the given files. */
/** The process table each test filesystem's /proc was built over, for its kernel to use. */
const tables = new WeakMap<FileSystem, KernelProcessTable>();

export async function shellFileSystem(files: Record<string, string> = {}): Promise<FileSystem> {
  const processes = new KernelProcessTable();
  const fs = await testRootfs(Object.keys(allApplets()), files, {
    system: TEST_SYSTEM,
    processes,
  });
  tables.set(fs, processes);
  return fs;
}

export function testKernel(fs: FileSystem): Kernel {
  return new Kernel({
    fs,
    processes: tables.get(fs),
    system: TEST_SYSTEM,
    applets: allApplets(),
    binaries: DEFAULT_BINARIES,
  });
}

export interface ShellResult {
  status: number;
  stdout: string;
  stderr: string;
  fs: FileSystem;
}

export interface ShellRunOptions {
  stdin?: string | Input;
  files?: Record<string, string>;
  fs?: FileSystem;
  stdout?: Output;
  argv?: string[];
  tty?: boolean[];
}

/** Runs `sh -c script` (or `argv`) as pid 1 of a fresh kernel and collects its output. */
export async function sh(script: string, options: ShellRunOptions = {}): Promise<ShellResult> {
  const fs = options.fs ?? await shellFileSystem(options.files);
  const kernel = testKernel(fs);
  const stdout = collectOutput();
  const stderr = collectOutput();
  const proc = await kernel.exec({
    argv: options.argv ?? ["sh", "-c", script],
    env: { ...ENV },
    cwd: "/",
    uid: 0,
    gid: 0,
    stdin: typeof options.stdin === "string" || options.stdin === undefined
      ? bytesInput(options.stdin ?? "")
      : options.stdin,
    stdout: options.stdout ?? stdout,
    stderr,
    tty: options.tty,
  });
  const status = await proc.exited;
  return { status, stdout: stdout.text(), stderr: stderr.text(), fs };
}
