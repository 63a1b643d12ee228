/**
 * The sandbox's public face for a container actor: a kernel over a container filesystem that
 * spawns processes (the container's main process is pid 1, `docker exec` sessions follow) and
 * exposes the process table for `docker top` and `docker kill`.
 *
 * @example
 * ```ts
 * const sandbox = createSandbox({ fs, system });
 * const p = await sandbox.spawn({ argv: ["sh", "-c", "echo hi"], stdin, stdout, stderr });
 * console.log(await p.exited); // 0
 * ```
 *
 * @module
 */
import type {
  Applet,
  FileSystem,
  Input,
  Output,
  ProcessTable,
  SignalName,
  SystemInfo,
} from "./types.ts";
import { applets as builtinApplets } from "./applets/mod.ts";
import { type BinaryRunners, DEFAULT_PATH, Kernel, KernelProcessTable } from "./process/mod.ts";
import { loadParser, shellApplet } from "./shell/mod.ts";
import { ELF_MESSAGE } from "./wasi/detect.ts";

export interface SandboxOptions {
  fs: FileSystem;
  system: SystemInfo;
  /** Applets by name; defaults to sandbox/applets' registry. The shell is always added. */
  applets?: Record<string, Applet>;
  /**
   * The process table, when the filesystem's /proc was created over it first:
   * `const processes = createProcessTable(); createFileSystem({ system, processes })`.
   */
  processes?: KernelProcessTable;
  /** How WASI modules and native binaries run; defaults to sandbox/wasi's runner and message. */
  binaries?: BinaryRunners;
}

export interface SpawnRequest {
  argv: string[];
  env?: Record<string, string>;
  cwd?: string;
  uid?: number;
  gid?: number;
  stdin: Input;
  stdout: Output;
  stderr: Output;
  /** With a TTY, `[ -t 0 ]` and `[ -t 1 ]` are true (stderr shares the terminal). */
  tty?: boolean;
}

export interface SandboxProcess {
  pid: number;
  /** The exit status: the program's own, or 128 + n when signal n killed it. */
  exited: Promise<number>;
  /** Delivers a signal; false when the process has already exited. */
  kill(signal: SignalName): boolean;
}

export interface Sandbox {
  spawn(request: SpawnRequest): Promise<SandboxProcess>;
  processes: ProcessTable;
  /** SIGKILLs every process, as the end of the container does. */
  killAll(): void;
}

/**
 * WebAssembly through sandbox/wasi; native ELF binaries refused with its message (126). The WASI
 * runner loads on the first module run: a Worker keeps what it loads (~1.7 MiB for the shim).
 */
export const DEFAULT_BINARIES: BinaryRunners = {
  wasi: (bytes) => async (ctx) => (await import("./wasi/run.ts")).runWasi(bytes, ctx),
  elfMessage: ELF_MESSAGE,
};

/** A process table for a sandbox, made before it so /proc can be built over it. */
export function createProcessTable(): KernelProcessTable {
  return new KernelProcessTable();
}

export function createSandbox(options: SandboxOptions): Sandbox {
  const kernel = new Kernel({
    fs: options.fs,
    processes: options.processes,
    system: options.system,
    applets: {
      ...(options.applets ?? builtinApplets),
      sh: shellApplet,
      ash: shellApplet,
      bash: shellApplet,
    },
    binaries: options.binaries ?? DEFAULT_BINARIES,
  });
  return {
    processes: kernel.processes,
    killAll: () => kernel.processes.killAll(),
    async spawn(request) {
      // The parser loads once per Worker; loading it here keeps a first `sh` from paying twice.
      await loadParser();
      const entry = await kernel.exec({
        argv: request.argv,
        env: { PATH: DEFAULT_PATH, ...request.env },
        cwd: request.cwd ?? "/",
        uid: request.uid ?? 0,
        gid: request.gid ?? 0,
        stdin: request.stdin,
        stdout: request.stdout,
        stderr: request.stderr,
        tty: request.tty ? [true, true, true] : [false, false, false],
      });
      return {
        pid: entry.pid,
        exited: entry.exited,
        kill: (signal) => kernel.processes.kill(entry.pid, signal),
      };
    },
  };
}
