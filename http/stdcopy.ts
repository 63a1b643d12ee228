/**
 * Docker's stdcopy framing for non-TTY streams (attach, exec, logs): an 8-byte header
 * `[stream, 0, 0, 0, length as uint32 big-endian]` then the payload; stream 0 stdin, 1 stdout,
 * 2 stderr (moby `pkg/stdcopy`).
 *
 * @module
 */

export type StreamId = 0 | 1 | 2;

/** One frame for `payload` on `stream`. */
export function stdcopyFrame(stream: StreamId, payload: Uint8Array): Uint8Array {
  const frame = new Uint8Array(8 + payload.length);
  frame[0] = stream;
  new DataView(frame.buffer).setUint32(4, payload.length);
  frame.set(payload, 8);
  return frame;
}

/** A decoded frame. */
export interface StdcopyFrame {
  stream: StreamId;
  payload: Uint8Array;
}

/**
 * Decodes frames from a byte stream that may split them anywhere (one byte at a time included).
 * Errors on an unknown stream id, as the docker CLI does ("Unrecognized input header").
 */
export function stdcopyDecoder(): TransformStream<Uint8Array, StdcopyFrame> {
  let pending = new Uint8Array(0);
  return new TransformStream({
    transform(chunk, controller) {
      const joined = new Uint8Array(pending.length + chunk.length);
      joined.set(pending);
      joined.set(chunk, pending.length);
      let offset = 0;
      while (joined.length - offset >= 8) {
        const stream = joined[offset];
        if (stream > 2) throw new Error(`Unrecognized input header: ${stream}`);
        const length = new DataView(joined.buffer, offset + 4, 4).getUint32(0);
        if (joined.length - offset - 8 < length) break;
        controller.enqueue({
          stream: stream as StreamId,
          payload: joined.slice(offset + 8, offset + 8 + length),
        });
        offset += 8 + length;
      }
      pending = joined.slice(offset);
    },
    flush() {
      if (pending.length > 0) {
        throw new Error(`stream ended inside a frame (${pending.length} bytes)`);
      }
    },
  });
}
