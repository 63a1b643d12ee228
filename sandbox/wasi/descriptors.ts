/**
 * A WASI program's descriptor table: stdio over the process's streams, preopened directories of
 * the sandbox filesystem, and files opened through it.
 *
 * @module
 */
import type { DirEntry, FileHandle, Input, Output } from "../types.ts";

export type Descriptor =
  | { kind: "stdin"; input: Input }
  | { kind: "output"; output: Output }
  | { kind: "dir"; path: string; preopen?: string; listing?: DirEntry[] }
  | { kind: "file"; path: string; handle: FileHandle; filetype: number; append: boolean };

export class DescriptorTable {
  readonly #fds = new Map<number, Descriptor>();
  #next = 0;

  add(descriptor: Descriptor): number {
    while (this.#fds.has(this.#next)) this.#next++;
    this.#fds.set(this.#next, descriptor);
    return this.#next++;
  }

  get(fd: number): Descriptor | undefined {
    return this.#fds.get(fd);
  }

  async close(fd: number): Promise<boolean> {
    const descriptor = this.#fds.get(fd);
    if (!descriptor) return false;
    this.#fds.delete(fd);
    if (fd < this.#next) this.#next = fd;
    if (descriptor.kind === "file") await descriptor.handle.close();
    return true;
  }

  /** `fd_renumber`: `to` now names what `from` named. */
  async renumber(from: number, to: number): Promise<boolean> {
    const descriptor = this.#fds.get(from);
    if (!descriptor || !this.#fds.has(to)) return false;
    await this.close(to);
    this.#fds.delete(from);
    this.#fds.set(to, descriptor);
    return true;
  }

  async closeAll(): Promise<void> {
    for (const fd of [...this.#fds.keys()]) await this.close(fd);
  }
}
