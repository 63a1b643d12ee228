/**
 * What the WASI system calls work on: the sandbox filesystem, the descriptor table, the guest's
 * memory and the process's cancellation signal.
 *
 * @module
 */
import { wasi } from "@bjorn3/browser_wasi_shim";
import type { FileSystem } from "../types.ts";
import { errnoOf } from "./abi.ts";
import type { Descriptor, DescriptorTable } from "./descriptors.ts";

export interface Guest {
  fs: FileSystem;
  fds: DescriptorTable;
  memory(): WebAssembly.Memory;
  umask: number;
  signal: AbortSignal;
}

/** A system call: numbers in, errno out; it may await the sandbox. */
export type Syscall = (...args: never[]) => Promise<number>;

export function view(guest: Guest): DataView {
  return new DataView(guest.memory().buffer);
}

export function bytes(guest: Guest): Uint8Array {
  return new Uint8Array(guest.memory().buffer);
}

/** Runs a call, turning FsErrors into their errno and a missing descriptor into EBADF. */
export async function attempt(step: () => Promise<number | void> | number | void): Promise<number> {
  try {
    return (await step()) ?? wasi.ERRNO_SUCCESS;
  } catch (error) {
    return errnoOf(error);
  }
}

export class BadDescriptor extends Error {}

export function descriptor<K extends Descriptor["kind"]>(
  guest: Guest,
  fd: number,
  ...kinds: K[]
): Extract<Descriptor, { kind: K }> {
  const found = guest.fds.get(fd);
  if (!found || (kinds.length > 0 && !kinds.includes(found.kind as K))) throw new BadDescriptor();
  return found as Extract<Descriptor, { kind: K }>;
}

/** Like {@link attempt}, also answering EBADF for unknown or unsuitable descriptors. */
export async function call(step: () => Promise<number | void> | number | void): Promise<number> {
  try {
    return await attempt(step);
  } catch (error) {
    if (error instanceof BadDescriptor) return wasi.ERRNO_BADF;
    throw error;
  }
}
