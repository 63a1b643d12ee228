/**
 * The sandbox: an in-memory Linux-like userland for containers. Other folders import only this
 * module: the sandbox itself, its filesystem, tar import/export, applets and stream helpers.
 *
 * @module
 */
export {
  createProcessTable,
  createSandbox,
  DEFAULT_BINARIES,
  type Sandbox,
  type SandboxOptions,
  type SandboxProcess,
  type SpawnRequest,
} from "./sandbox.ts";
export * from "./types.ts";
export * from "./io.ts";
export * from "./path.ts";
export * from "./fs/mod.ts";
export { applets } from "./applets/mod.ts";
export { ExecError, signalName, signalNames, signalNumber, signalStatus } from "./process/mod.ts";
export { ShellSyntaxError } from "./shell/mod.ts";
export * from "./tar/mod.ts";
export * from "./wasi/mod.ts";
export * from "./rootfs/mod.ts";
