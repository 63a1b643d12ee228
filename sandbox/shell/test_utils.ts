/**
 * Test helpers for the shell and process model: a kernel over the real in-memory filesystem
 * with `/bin/busybox`, a link per applet, and `sh -c` with captured output.
 *
 * @module
 */
import { createFileSystem } from "../fs/mod.ts";
import { applets as registry } from "../applets/mod.ts";
import { bytesInput, collectOutput } from "../io.ts";
import type { Applet, FileSystem, Input, Output, SystemInfo } from "../types.ts";
import { Kernel } from "../process/kernel.ts";
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
export async function shellFileSystem(files: Record<string, string> = {}): Promise<FileSystem> {
  const fs = await createFileSystem({ devices: true });
  for (const dir of ["/bin", "/usr/bin", "/tmp", "/root", "/etc"]) {
    await fs.mkdir(dir, { recursive: true });
  }
  await fs.writeFile("/bin/busybox", new Uint8Array([0x7f, 0x45, 0x4c, 0x46]), { mode: 0o755 });
  for (const name of Object.keys(allApplets())) {
    if (name !== "[") await fs.symlink("busybox", `/bin/${name}`);
  }
  for (const [path, text] of Object.entries(files)) {
    const dir = path.slice(0, path.lastIndexOf("/"));
    if (dir) await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path, new TextEncoder().encode(text), { mode: 0o644 });
  }
  return fs;
}

export function testKernel(fs: FileSystem): Kernel {
  return new Kernel({
    fs,
    system: TEST_SYSTEM,
    applets: allApplets(),
    binaries: { elfMessage: "cannot execute a native Linux (ELF) binary in this sandbox" },
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
