/**
 * Running a WebAssembly (WASI preview1) program as a sandbox process. browser_wasi_shim supplies
 * argv, environment, clocks, randomness and `proc_exit`; the filesystem and stdio calls are the
 * sandbox's own, made asynchronous with JS Promise Integration (`WebAssembly.Suspending` /
 * `WebAssembly.promising`), so a program can block on stdin and stream output without the
 * sandbox mirroring files into the shim's in-memory tree.
 *
 * @module
 */
import { WASI, WASIProcExit } from "@bjorn3/browser_wasi_shim";
import { LayeredFileSystem } from "../fs/mod.ts";
import type { ProcessContext } from "../types.ts";
import { SIGNAL_NUMBERS } from "./abi.ts";
import { ELF_EXIT_STATUS } from "./detect.ts";
import { DescriptorTable } from "./descriptors.ts";
import { fdCalls } from "./fd_calls.ts";
import type { Guest } from "./guest.ts";
import { pathCalls } from "./path_calls.ts";
import { pollCalls } from "./poll_calls.ts";

/** JSPI, present in Deno 2.9's V8 but not yet in TypeScript's lib. */
interface Jspi {
  Suspending: new (fn: (...args: never[]) => Promise<unknown>) => unknown;
  promising: (fn: unknown) => () => Promise<unknown>;
}

const jspi = WebAssembly as unknown as Partial<Jspi>;

/** 128 + SIGABRT, as a native runtime reports a trap. */
const TRAP_STATUS = 134;

/**
 * Preopened directories. wasi-libc keeps its own working directory, starting at "/", so
 * `ctx.cwd` cannot be handed over (a "." preopen beside "/" makes wasi-libc resolve absolute
 * paths against it too, checked with Debian's wasi-libc): relative paths start at "/".
 */
function preopens(ctx: ProcessContext): string[] {
  // "/" reaches everything (mounts included); mount points are offered too, as runtimes do.
  const mounts = ctx.fs instanceof LayeredFileSystem ? [...ctx.fs.shared.mounts.keys()] : [];
  return ["/", ...mounts.filter((path) => path !== "/proc" && !path.startsWith("/dev"))];
}

/** A module that cannot start (invalid, or importing what WASI preview1 does not give): 126. */
async function cannotExecute(ctx: ProcessContext, name: string, error: unknown): Promise<number> {
  if (!(error instanceof Error)) throw error;
  await ctx.stderr.write(`${name}: cannot execute: ${error.message}\n`);
  return ELF_EXIT_STATUS;
}

/**
 * Runs `bytes` (a module starting with `\0asm`) with `ctx`'s argv, env, stdio and filesystem;
 * resolves to its exit status: `proc_exit`'s code, 0 when `_start` returns, 128+n when the
 * process's signal aborts it, 134 on a trap (with the trap on stderr), 126 when the module cannot
 * start (invalid, or importing something other than wasi_snapshot_preview1).
 */
export async function runWasi(bytes: Uint8Array, ctx: ProcessContext): Promise<number> {
  if (!jspi.Suspending || !jspi.promising) {
    throw new Error("WASI needs WebAssembly JS Promise Integration, which this runtime lacks");
  }
  const name = ctx.argv[0] ?? "wasm";
  let module: WebAssembly.Module;
  try {
    module = await WebAssembly.compile(bytes as Uint8Array<ArrayBuffer>);
  } catch (error) {
    return await cannotExecute(ctx, name, error);
  }
  // The shim logs every call to the host console unless told not to (its default is on).
  const env = Object.entries(ctx.env).map(([k, v]) => `${k}=${v}`);
  const shim = new WASI(ctx.argv, env, [], { debug: false });
  const fds = new DescriptorTable();
  fds.add({ kind: "stdin", input: ctx.stdin });
  fds.add({ kind: "output", output: ctx.stdout });
  fds.add({ kind: "output", output: ctx.stderr });
  for (const path of preopens(ctx)) fds.add({ kind: "dir", path, preopen: path });

  // The memory exists only once the instance does; the calls look it up each time (it can grow).
  const instanceMemory: { current?: WebAssembly.Memory } = {};
  const guest: Guest = {
    fs: ctx.fs,
    fds,
    memory: () => instanceMemory.current!,
    umask: ctx.umask,
    signal: ctx.signal,
  };
  const imports: Record<string, unknown> = { ...shim.wasiImport };
  for (
    const [name, syscall] of Object.entries({
      ...fdCalls(guest),
      ...pathCalls(guest),
      ...pollCalls(guest),
    })
  ) {
    imports[name] = new jspi.Suspending(syscall as (...args: never[]) => Promise<number>);
  }
  let instance: WebAssembly.Instance;
  try {
    instance = await WebAssembly.instantiate(
      module,
      { wasi_snapshot_preview1: imports } as WebAssembly.Imports,
    );
  } catch (error) {
    return await cannotExecute(ctx, name, error);
  }
  const exports = instance.exports as { memory?: WebAssembly.Memory; _start?: () => unknown };
  if (!exports._start || !exports.memory) {
    return await cannotExecute(
      ctx,
      name,
      new Error("not a WASI command (no _start or memory export)"),
    );
  }
  const memory = exports.memory;
  instanceMemory.current = memory;
  shim.inst = { exports: { memory } };
  try {
    ctx.signal.throwIfAborted();
    await jspi.promising(exports._start)();
    return 0;
  } catch (error) {
    if (error instanceof WASIProcExit) return error.code;
    if (ctx.signal.aborted) {
      return 128 + (SIGNAL_NUMBERS[String(ctx.signal.reason)] ?? SIGNAL_NUMBERS.SIGKILL);
    }
    if (error instanceof WebAssembly.RuntimeError) {
      await ctx.stderr.write(`${name}: wasm trap: ${error.message}\n`);
      return TRAP_STATUS;
    }
    throw error;
  } finally {
    await fds.closeAll();
  }
}
