/**
 * Test helpers for http/: an in-memory {@link Connection} that feeds scripted input (one byte at a
 * time by default, to exercise every parser boundary) and records what the server writes.
 *
 * @module
 */
import type { Connection } from "./connection.ts";

export interface ScriptedConnection extends Connection {
  /** Everything written so far, decoded as latin1 so bytes map 1:1 to characters. */
  written(): string;
  /** True once the server half-closed or closed. */
  readonly writeClosed: boolean;
  readonly closed: boolean;
  /** Feeds more input; `end()` signals the client's half-close. */
  push(text: string | Uint8Array): void;
  end(): void;
}

const latin1 = new TextDecoder("latin1");

/** A connection whose input is `chunks` split into pieces of `pieceSize` bytes. */
export function scriptedConnection(
  input: (string | Uint8Array)[] = [],
  options: { pieceSize?: number; endInput?: boolean } = {},
): ScriptedConnection {
  const pieceSize = options.pieceSize ?? 1;
  const queue: Uint8Array[] = [];
  const out: Uint8Array[] = [];
  let ended = false;
  let wake: (() => void) | undefined;
  const state = { writeClosed: false, closed: false };
  const push = (data: string | Uint8Array) => {
    const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
    for (let i = 0; i < bytes.length; i += pieceSize) queue.push(bytes.slice(i, i + pieceSize));
    wake?.();
  };
  input.forEach(push);
  if (options.endInput ?? true) ended = true;
  return {
    remote: "test",
    get writeClosed() {
      return state.writeClosed;
    },
    get closed() {
      return state.closed;
    },
    push,
    end() {
      ended = true;
      wake?.();
    },
    async read(buffer) {
      while (queue.length === 0) {
        if (ended || state.closed) return null;
        await new Promise<void>((resolve) => wake = resolve);
      }
      const head = queue[0];
      const n = Math.min(head.length, buffer.length);
      buffer.set(head.subarray(0, n));
      if (n === head.length) queue.shift();
      else queue[0] = head.subarray(n);
      return n;
    },
    write(data) {
      if (state.writeClosed || state.closed) return Promise.reject(new Error("write after close"));
      out.push(data.slice());
      return Promise.resolve();
    },
    closeWrite() {
      state.writeClosed = true;
      return Promise.resolve();
    },
    close() {
      state.closed = true;
      state.writeClosed = true;
      wake?.();
    },
    written: () => out.map((b) => latin1.decode(b)).join(""),
  };
}
