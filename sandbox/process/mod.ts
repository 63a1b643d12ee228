/**
 * Processes in the sandbox: the kernel that starts programs with pids and signals, the process
 * table `ps` and `kill` see, and command lookup (PATH, `#!`, busybox links, WASI, ELF).
 *
 * @module
 */
export { Kernel, type KernelContext, type KernelOptions, type StartOptions } from "./kernel.ts";
export { KernelProcessTable, ProcessEntry, type SignalDisposition } from "./table.ts";
export {
  type BinaryRunners,
  BUSYBOX_PATH,
  DEFAULT_PATH,
  ExecError,
  findInPath,
  lookupCommand,
  type LookupFailure,
  type ResolvedProgram,
} from "./lookup.ts";
export { signalName, signalNames, signalNumber, signalStatus } from "./signals.ts";
