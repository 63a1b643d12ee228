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
export { parseHere, serveShellParser, ShellSyntaxError, useShellParser } from "./shell/mod.ts";
export * from "./tar/mod.ts";
// The WASI runner itself is loaded by the sandbox on a module's first run (see sandbox.ts).
export * from "./wasi/detect.ts";
export * from "./rootfs/mod.ts";
