/**
 * An in-memory pipe between two concurrently running commands. Writes wait while the buffer is
 * full (backpressure, like a 64 KiB kernel pipe), reads wait for data, and a write after the
 * reading end closed fails with {@link BrokenPipeError} so `yes | head -1` ends.
 *
 * @module
 */
import type { Input, Output } from "../types.ts";
import { toBytes } from "../io.ts";

/** Writing to a pipe nobody reads any more (EPIPE); the writer dies of SIGPIPE (status 141). */
export class BrokenPipeError extends Error {
  constructor() {
    super("Broken pipe");
    this.name = "BrokenPipeError";
  }
}

export interface Pipe {
  /** The reading end; `close()` makes later writes fail with {@link BrokenPipeError}. */
  reader: Input & { close(): void };
  /** The writing end; `close()` is end of input for the reader once the buffer drains. */
  writer: Output & { close(): void };
}

const CAPACITY = 65536;

export function createPipe(capacity = CAPACITY): Pipe {
  const chunks: Uint8Array[] = [];
  let buffered = 0;
  let writerClosed = false;
  let readerClosed = false;
  let wakeReader: (() => void) | undefined;
  let wakeWriter: (() => void) | undefined;
  const notifyReader = () => {
    wakeReader?.();
    wakeReader = undefined;
  };
  const notifyWriter = () => {
    wakeWriter?.();
    wakeWriter = undefined;
  };

  const reader = {
    async read(signal?: AbortSignal): Promise<Uint8Array | null> {
      while (chunks.length === 0 && !writerClosed) {
        signal?.throwIfAborted();
        await new Promise<void>((resolve, reject) => {
          // The abort listener goes when the read is satisfied, so reads do not pile them up.
          const onAbort = () => reject(signal!.reason);
          wakeReader = () => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
          };
          signal?.addEventListener("abort", onAbort, { once: true });
        });
      }
      const chunk = chunks.shift();
      if (!chunk) return null;
      buffered -= chunk.length;
      notifyWriter();
      return chunk;
    },
    unread(bytes: Uint8Array) {
      if (bytes.length === 0) return;
      chunks.unshift(bytes);
      buffered += bytes.length;
    },
    close() {
      readerClosed = true;
      chunks.length = 0;
      buffered = 0;
      notifyWriter();
    },
  };

  const writer = {
    async write(data: Uint8Array | string): Promise<void> {
      const bytes = toBytes(data);
      if (readerClosed) throw new BrokenPipeError();
      if (bytes.length === 0) return;
      while (buffered >= capacity && !readerClosed) {
        await new Promise<void>((resolve) => wakeWriter = resolve);
      }
      if (readerClosed) throw new BrokenPipeError();
      // Copy: the caller may reuse its buffer once the write resolves.
      chunks.push(bytes.slice());
      buffered += bytes.length;
      notifyReader();
    },
    close() {
      writerClosed = true;
      notifyReader();
    },
  };
  return { reader, writer };
}
