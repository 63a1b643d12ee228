/**
 * The kernel of one sandbox: starts programs as processes with pids, contexts and signals, and
 * runs a command name through the same lookup everywhere (the shell, `xargs`, `env`, `docker
 * exec`). A process ends with its program's status, 128 + n when signal n killed it, or 141
 * when it wrote to a pipe nobody reads.
 *
 * @module
 */
import type { Applet, FileSystem, Input, Output, ProcessContext, SystemInfo } from "../types.ts";
import { BrokenPipeError } from "../shell/pipe.ts";
import { LayeredFileSystem, withStdio } from "../fs/mod.ts";
import {
  type BinaryRunners,
  ExecError,
  lookupCommand,
  type LookupFailure,
  type ResolvedProgram,
} from "./lookup.ts";
import { signalStatus } from "./signals.ts";
import { processOutput } from "./sigpipe.ts";
import { KernelProcessTable, type ProcessEntry } from "./table.ts";

/** What a process started by the {@link Kernel} sees beyond the applet contract. */
export interface KernelContext extends ProcessContext {
  kernel: Kernel;
  process: ProcessEntry;
  /** Which of fds 0, 1, 2 are a terminal (`[ -t 1 ]`). */
  tty: boolean[];
}

export interface StartOptions {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  uid: number;
  gid: number;
  umask?: number;
  stdin: Input;
  stdout: Output;
  stderr: Output;
  ppid?: number;
  tty?: boolean[];
  /**
   * The parent's signal (or several: a parent and a `timeout`): when one aborts, the process is
   * killed with the same reason, as a killed shell takes its foreground children along.
   */
  signal?: AbortSignal | AbortSignal[];
}

export interface KernelOptions {
  fs: FileSystem;
  /** The table to use, when the filesystem's /proc was built over it before the kernel. */
  processes?: KernelProcessTable;
  system: SystemInfo;
  applets: Record<string, Applet>;
  binaries: BinaryRunners;
}

export class Kernel {
  readonly processes: KernelProcessTable;
  readonly fs: FileSystem;
  readonly system: SystemInfo;
  readonly applets: Record<string, Applet>;
  readonly binaries: BinaryRunners;

  constructor(options: KernelOptions) {
    this.fs = options.fs;
    this.processes = options.processes ?? new KernelProcessTable();
    this.system = options.system;
    this.applets = options.applets;
    this.binaries = options.binaries;
  }

  /** Resolves argv[0] the way execvp does in the sandbox. */
  resolve(argv: string[], env: Record<string, string>, cwd: string) {
    const shell = this.applets.sh;
    if (!shell) throw new Error("sandbox kernel: no `sh` applet registered");
    return lookupCommand(argv, {
      fs: this.fs,
      applets: this.applets,
      cwd,
      path: env.PATH,
      binaries: this.binaries,
      shell,
    });
  }

  /**
   * Looks the command up and runs it as a new process. A command that cannot run still gets a
   * process, which prints `sh: NAME: not found` (or the 126 reason) and exits, as after fork.
   */
  async exec(
    options: StartOptions,
    resolved?: ResolvedProgram | LookupFailure,
  ): Promise<ProcessEntry> {
    const found = resolved ?? await this.resolve(options.argv, options.env, options.cwd);
    if (found.kind === "failure") {
      return this.start(options, async (ctx) => {
        await ctx.stderr.write(`sh: ${found.message}\n`);
        return found.status;
      });
    }
    return this.start({ ...options, argv: found.argv }, found.program, found);
  }

  /** Runs `program` as a new process (a subshell, a background job, an applet). */
  start(options: StartOptions, program: Applet, _found?: ResolvedProgram): ProcessEntry {
    const entry = this.processes.create(options.ppid ?? 0, options.uid, options.argv);
    const signal = entry.controller.signal;
    for (const parent of [options.signal ?? []].flat()) linkSignal(parent, entry);
    const stdout = processOutput(options.stdout, entry, signal);
    const stderr = processOutput(options.stderr, entry, signal);
    const ctx: KernelContext = {
      argv: options.argv,
      env: options.env,
      cwd: options.cwd,
      pid: entry.pid,
      uid: options.uid,
      gid: options.gid,
      umask: options.umask ?? 0o022,
      stdin: options.stdin,
      stdout,
      stderr,
      // Each process sees its own /dev/stdin, /dev/stdout, /dev/stderr and /proc/self.
      fs: this.fs instanceof LayeredFileSystem
        ? withStdio(this.fs, { pid: entry.pid, stdin: options.stdin, stdout, stderr })
        : this.fs,
      signal,
      processes: this.processes,
      system: this.system,
      kernel: this,
      process: entry,
      tty: options.tty ?? [false, false, false],
      spawn: async (argv, spawnOptions = {}) => {
        const cwd = spawnOptions.cwd ?? ctx.cwd;
        const env = spawnOptions.env ?? ctx.env;
        const found = await this.resolve(argv, env, cwd);
        if (found.kind === "failure") throw new ExecError(found.status, argv[0], found.reason);
        const child = await this.exec({
          argv,
          env,
          cwd,
          uid: ctx.uid,
          gid: ctx.gid,
          umask: ctx.umask,
          stdin: spawnOptions.stdin ?? ctx.stdin,
          stdout: spawnOptions.stdout ?? ctx.stdout,
          stderr: spawnOptions.stderr ?? ctx.stderr,
          ppid: entry.pid,
          tty: ctx.tty,
          signal: spawnOptions.signal ? [signal, spawnOptions.signal] : signal,
        }, found);
        return await child.exited;
      },
    };
    this.#run(entry, ctx, program);
    return entry;
  }

  async #run(entry: ProcessEntry, ctx: KernelContext, program: Applet): Promise<void> {
    let status: number;
    try {
      status = await program(ctx);
    } catch (error) {
      status = await exitStatusOf(error, ctx);
    }
    if (ctx.signal.aborted) status = signalStatus(String(ctx.signal.reason));
    entry.finish(status & 255);
    // As in a Linux pid namespace: when init (pid 1) exits, every other process is killed.
    if (entry.pid === 1) this.processes.killAll();
  }
}

/**
 * Kills `entry` when `parent` aborts. A listener removed at exit rather than AbortSignal.any:
 * Deno keeps every signal made by AbortSignal.any alive as long as its sources (about 360 bytes
 * per process, measured), which a shell looping over commands would pile up.
 */
function linkSignal(parent: AbortSignal, entry: ProcessEntry): void {
  if (parent.aborted) {
    entry.terminate(String(parent.reason));
    return;
  }
  const onAbort = () => entry.terminate(String(parent.reason));
  parent.addEventListener("abort", onAbort, { once: true });
  entry.exited.then(() => parent.removeEventListener("abort", onAbort));
}

async function exitStatusOf(error: unknown, ctx: KernelContext): Promise<number> {
  if (ctx.signal.aborted) return signalStatus(String(ctx.signal.reason));
  if (error instanceof BrokenPipeError) return signalStatus("SIGPIPE");
  // A program that throws has a bug; say so on its stderr rather than dying silently.
  const message = error instanceof Error ? error.message : String(error);
  try {
    await ctx.stderr.write(`${ctx.argv[0]}: ${message}\n`);
  } catch {
    // stderr itself is gone (a closed pipe); the status still reports the failure.
  }
  return 1;
}
