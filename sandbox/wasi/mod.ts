/**
 * Running programs in the sandbox that are not applets: WebAssembly (WASI preview1) modules run
 * with the container's filesystem and stdio; native ELF binaries are refused with a clear message.
 *
 * @example
 * ```ts
 * const bytes = await ctx.fs.readFile(path);
 * switch (detectExecutableKind(bytes)) {
 *   case "wasm": return await runWasi(bytes, ctx);
 *   case "elf": await ctx.stderr.write(`${path}: ${ELF_MESSAGE}\n`); return ELF_EXIT_STATUS;
 * }
 * ```
 *
 * @module
 */
export {
  detectExecutableKind,
  ELF_EXIT_STATUS,
  ELF_MESSAGE,
  type ExecutableKind,
} from "./detect.ts";
export { runWasi } from "./run.ts";
