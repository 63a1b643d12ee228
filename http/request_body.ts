/**
 * Request bodies as Web Streams read straight off the connection: fixed Content-Length or
 * chunked transfer coding. A body cut off half-way errors the stream, so a handler reading it
 * fails with a 400 instead of hanging.
 *
 * @module
 */
import type { ConnReader } from "./conn_reader.ts";
import { HttpParseError } from "./request_head.ts";

/** A body stream plus a way to know it has been read to the end. */
export interface RequestBody {
  /** True when the request has no body at all. */
  empty: boolean;
  stream: ReadableStream<Uint8Array>;
  /** Resolves when the whole body has been read (true) or failed / was abandoned (false). */
  done: Promise<boolean>;
  /** Reads and discards what the handler left, up to `limit` bytes; false if more remained. */
  drain(limit: number): Promise<boolean>;
}

const CHUNK = 64 * 1024;

/** Reads bytes off the reader, `null` at end; `next` yields up to `max` bytes. */
type Source = (max: number) => Promise<Uint8Array | null>;

function makeBody(next: Source): RequestBody {
  let settle!: (complete: boolean) => void;
  const done = new Promise<boolean>((resolve) => settle = resolve);
  let finished = false;
  const finish = (complete: boolean) => {
    if (!finished) settle(complete);
    finished = true;
  };
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const bytes = await next(CHUNK);
        if (bytes === null) {
          finish(true);
          controller.close();
        } else controller.enqueue(bytes);
      } catch (error) {
        finish(false);
        controller.error(error);
      }
    },
    cancel: () => finish(false),
  }, { highWaterMark: 0 });
  return {
    empty: false,
    stream,
    done,
    async drain(limit) {
      if (finished) return await done;
      let seen = 0;
      try {
        while (seen <= limit) {
          const bytes = await next(CHUNK);
          if (bytes === null) {
            finish(true);
            return true;
          }
          seen += bytes.length;
        }
      } catch {
        finish(false);
      }
      return false;
    },
  };
}

/** A body of exactly `length` bytes. */
export function fixedLengthBody(reader: ConnReader, length: number): RequestBody {
  let remaining = length;
  return makeBody(async (max) => {
    if (remaining === 0) return null;
    if (reader.buffered.length === 0 && !await reader.fill()) {
      throw new Error(`request body cut off: ${remaining} of ${length} bytes missing`);
    }
    const bytes = reader.take(Math.min(max, remaining));
    remaining -= bytes.length;
    return bytes;
  });
}

/** A body in chunked transfer coding; trailers are read and dropped. */
export function chunkedBody(reader: ConnReader): RequestBody {
  let inChunk = 0;
  let ended = false;
  async function line(): Promise<string> {
    while (true) {
      const lf = reader.buffered.indexOf(10);
      if (lf >= 0) {
        if (lf > 4096) throw new HttpParseError(400, "chunk header line too long");
        const text = new TextDecoder().decode(reader.take(lf + 1));
        return text.replace(/\r?\n$/, "");
      }
      if (reader.buffered.length > 4096) {
        throw new HttpParseError(400, "chunk header line too long");
      }
      if (!await reader.fill()) throw new Error("request body cut off inside a chunk header");
    }
  }
  return makeBody(async (max) => {
    if (ended) return null;
    if (inChunk === 0) {
      const size = line().then((text) => {
        const hex = text.split(";")[0].trim();
        if (!/^[0-9a-fA-F]{1,12}$/.test(hex)) throw new HttpParseError(400, "malformed chunk size");
        return parseInt(hex, 16);
      });
      inChunk = await size;
      if (inChunk === 0) {
        while (await line() !== "");
        ended = true;
        return null;
      }
    }
    if (reader.buffered.length === 0 && !await reader.fill()) {
      throw new Error("request body cut off inside a chunk");
    }
    const bytes = reader.take(Math.min(max, inChunk));
    inChunk -= bytes.length;
    if (inChunk === 0) {
      const end = await line();
      if (end !== "") throw new HttpParseError(400, "chunk not followed by CRLF");
    }
    return bytes;
  });
}

const EMPTY_BODY: RequestBody = {
  empty: true,
  // Most requests have no body and never look at its stream: make one only when asked.
  get stream() {
    return new ReadableStream<Uint8Array>({ start: (controller) => controller.close() });
  },
  done: Promise.resolve(true),
  drain: () => Promise.resolve(true),
};

/** An empty body: complete from the start. */
export function emptyBody(): RequestBody {
  return EMPTY_BODY;
}
