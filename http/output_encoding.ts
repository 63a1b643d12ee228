/**
 * Turning a process's output chunks into the bytes a client reads: stdcopy frames without a
 * TTY, raw bytes with one, and `--timestamps` prefixes for logs (moby's fixed-width
 * RFC3339Nano, one per line).
 *
 * @module
 */
import type { OutputChunk } from "../backends/core/container_types.ts";
import { stdcopyFrame } from "./stdcopy.ts";

const encoder = new TextEncoder();

/** moby's `RFC3339NanoFixed` for a millisecond time: always nine fraction digits. */
export function timestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000000Z");
}

function withTimestamps(chunk: OutputChunk): Uint8Array {
  const prefix = encoder.encode(timestamp(chunk.time) + " ");
  const parts: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i <= chunk.data.length; i++) {
    if (i === chunk.data.length ? i > start : chunk.data[i] === 10) {
      parts.push(prefix, chunk.data.subarray(start, Math.min(i + 1, chunk.data.length)));
      start = i + 1;
    }
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** A transform from output chunks to response bytes. */
export function encodeOutput(
  tty: boolean,
  options: { timestamps?: boolean } = {},
): TransformStream<OutputChunk, Uint8Array> {
  return new TransformStream({
    transform(chunk, controller) {
      const data = options.timestamps ? withTimestamps(chunk) : chunk.data;
      if (data.length === 0) return;
      controller.enqueue(tty ? data : stdcopyFrame(chunk.stream, data));
    },
  });
}
