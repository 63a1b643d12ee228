/**
 * Small {@link Input}/{@link Output} building blocks: in-memory sources and sinks for tests and
 * for `<<<` strings, and adapters between them and Web Streams, which is how bytes cross actors.
 *
 * @module
 */
import type { Input, Output } from "./types.ts";

const encoder = new TextEncoder();

/** Encodes a string as UTF-8, or returns bytes unchanged. */
export function toBytes(data: Uint8Array | string): Uint8Array {
  return typeof data === "string" ? encoder.encode(data) : data;
}

/** An {@link Input} that yields the given bytes once, then end of input. */
export function bytesInput(data: Uint8Array | string = new Uint8Array()): Input {
  const pending: Uint8Array[] = [];
  const first = toBytes(data);
  if (first.length > 0) pending.push(first);
  return {
    read(signal) {
      signal?.throwIfAborted();
      return Promise.resolve(pending.shift() ?? null);
    },
    unread(bytes) {
      if (bytes.length > 0) pending.unshift(bytes);
    },
  };
}

/** An {@link Output} that keeps everything written; `text()` decodes it as UTF-8. */
export function collectOutput(): Output & { bytes(): Uint8Array; text(): string } {
  const chunks: Uint8Array[] = [];
  return {
    write(data) {
      chunks.push(toBytes(data).slice());
      return Promise.resolve();
    },
    bytes() {
      const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let offset = 0;
      for (const c of chunks) {
        out.set(c, offset);
        offset += c.length;
      }
      return out;
    },
    text() {
      return new TextDecoder().decode(this.bytes());
    },
  };
}

/** An {@link Output} that discards everything (/dev/null). */
export const nullOutput: Output = { write: () => Promise.resolve() };

/** Reads an {@link Input} from a Web `ReadableStream`. */
export function streamInput(stream: ReadableStream<Uint8Array>): Input {
  const reader = stream.getReader();
  const pending: Uint8Array[] = [];
  return {
    async read(signal) {
      signal?.throwIfAborted();
      const ready = pending.shift();
      if (ready) return ready;
      if (!signal) {
        const { value, done } = await reader.read();
        return done ? null : value;
      }
      let onAbort!: () => void;
      const aborted = new Promise<never>((_, reject) => {
        onAbort = () => reject(signal.reason);
        signal.addEventListener("abort", onAbort, { once: true });
      });
      try {
        const { value, done } = await Promise.race([reader.read(), aborted]);
        return done ? null : value;
      } finally {
        // One listener per read would pile up over a long stdin session.
        signal.removeEventListener("abort", onAbort);
      }
    },
    unread(bytes) {
      if (bytes.length > 0) pending.unshift(bytes);
    },
  };
}

/** Writes an {@link Output} into a Web `WritableStream`. */
export function streamOutput(stream: WritableStream<Uint8Array>): Output {
  const writer = stream.getWriter();
  return {
    async write(data) {
      const bytes = toBytes(data);
      if (bytes.length > 0) await writer.write(bytes.slice());
    },
  };
}
