/**
 * What kind of program a file is, from its first bytes, so the shell knows how to run it.
 *
 * @module
 */

export type ExecutableKind = "wasm" | "elf" | "script" | "unknown";

/** Shown (and exit status {@link ELF_EXIT_STATUS}) when asked to run a native binary. */
export const ELF_MESSAGE =
  "exec format error: ELF binaries cannot run in the sandbox (memory backend); use a cloud or docker backend";

/** The shell's status for "found but cannot execute". */
export const ELF_EXIT_STATUS = 126;

const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];
const ELF_MAGIC = [0x7f, 0x45, 0x4c, 0x46];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((byte, i) => bytes[i] === byte);
}

/** `\0asm` is WebAssembly, `\x7fELF` a native binary, `#!` a script. */
export function detectExecutableKind(bytes: Uint8Array): ExecutableKind {
  if (startsWith(bytes, WASM_MAGIC)) return "wasm";
  if (startsWith(bytes, ELF_MAGIC)) return "elf";
  if (bytes[0] === 0x23 && bytes[1] === 0x21) return "script";
  return "unknown";
}
