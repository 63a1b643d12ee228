/**
 * A process's stdin when the container has OpenStdin (or an exec AttachStdin): a pipe the
 * backend feeds with one stream per attach. A stream that ends closes the pipe (EOF) only when
 * its attach asked for that (`closeAtEnd`: StdinOnce, or an exec's stdin); otherwise the pipe stays
 * open for the next attach, as Docker keeps a container's stdin open between `docker attach`es.
 *
 * @module
 */
import type { Input } from "../../../sandbox/mod.ts";

/** Bytes buffered ahead of the reader before the feeding streams are paused. */
const CAPACITY = 64 * 1024;

export class StdinPipe implements Input {
  #chunks: Uint8Array[] = [];
  #buffered = 0;
  #eof = false;
  #readers = new Set<ReadableStreamDefaultReader<Uint8Array>>();
  #dataWaiters: (() => void)[] = [];
  #spaceWaiters: (() => void)[] = [];

  /** Starts copying `stream` into the pipe; streams fed concurrently interleave by chunk. */
  feed(stream: ReadableStream<Uint8Array>, closeAtEnd: boolean): void {
    if (this.#eof) {
      stream.cancel("stdin is already closed").catch(() => {});
      return;
    }
    const reader = stream.getReader();
    this.#readers.add(reader);
    (async () => {
      try {
        while (!this.#eof) {
          while (this.#buffered >= CAPACITY && !this.#eof) {
            await new Promise<void>((resolve) => this.#spaceWaiters.push(resolve));
          }
          if (this.#eof) break;
          const { value, done } = await reader.read();
          if (done) {
            if (closeAtEnd) this.close();
            break;
          }
          if (value.byteLength === 0 || this.#eof) continue;
          this.#chunks.push(value);
          this.#buffered += value.byteLength;
          this.#wake(this.#dataWaiters);
        }
      } catch {
        // The attach went away mid-stream (its connection broke): like a stream that ended.
        if (closeAtEnd) this.close();
      } finally {
        this.#readers.delete(reader);
        reader.releaseLock();
      }
    })();
  }

  async read(signal?: AbortSignal): Promise<Uint8Array | null> {
    while (true) {
      signal?.throwIfAborted();
      const chunk = this.#chunks.shift();
      if (chunk) {
        this.#buffered -= chunk.byteLength;
        this.#wake(this.#spaceWaiters);
        return chunk;
      }
      if (this.#eof) return null;
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => reject(signal!.reason);
        signal?.addEventListener("abort", onAbort, { once: true });
        this.#dataWaiters.push(() => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        });
      });
    }
  }

  unread(bytes: Uint8Array): void {
    if (bytes.byteLength === 0) return;
    this.#chunks.unshift(bytes);
    this.#buffered += bytes.byteLength;
  }

  /** End of input: readers get what is buffered, then EOF; feeding streams are cancelled. */
  close(): void {
    if (this.#eof) return;
    this.#eof = true;
    for (const reader of this.#readers) reader.cancel("stdin closed").catch(() => {});
    this.#wake(this.#dataWaiters);
    this.#wake(this.#spaceWaiters);
  }

  get closed(): boolean {
    return this.#eof;
  }

  #wake(waiters: (() => void)[]): void {
    for (const resolve of waiters.splice(0)) resolve();
  }
}
