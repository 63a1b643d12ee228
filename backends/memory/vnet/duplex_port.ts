/**
 * One end of a virtual TCP connection over a MessagePort: the two ends live in different
 * Workers (two containers, or a container and the backend for a published port) and talk
 * directly. Bytes travel as transferred buffers; the receiver acknowledges what its reader has
 * taken, and the sender waits when a window of unacknowledged bytes is in flight, so a slow
 * reader slows the writer instead of filling memory.
 *
 * @module
 */

/** What travels on the port: data, end of data (half-close), acknowledgement, reset. */
type Frame =
  | { t: "d"; b: Uint8Array }
  | { t: "e" }
  | { t: "a"; n: number }
  | { t: "r" };

/** Bytes a writer may have in flight before it waits for the reader. */
const WINDOW = 1 << 20;

export interface DuplexPort {
  readable: ReadableStream<Uint8Array>;
  writable: WritableStream<Uint8Array>;
  /** Drops the connection both ways; the peer's reads and writes fail with ECONNRESET. */
  reset(): void;
}

export class ConnectionReset extends Error {
  readonly code = "ECONNRESET";
  constructor() {
    super("Connection reset by peer");
    this.name = "NetError";
  }
}

/** Wraps one end of a MessageChannel as a byte duplex. */
export function duplexPort(port: MessagePort): DuplexPort {
  const queue: Uint8Array[] = [];
  let ended = false;
  let failed: Error | undefined;
  let wake: (() => void) | undefined;
  let inFlight = 0;
  let drained: (() => void) | undefined;
  let writeClosed = false;
  let readClosed = false;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const fail = (error: Error) => {
    failed ??= error;
    notify();
    drained?.();
  };
  const maybeClose = () => {
    if (writeClosed && readClosed) port.close();
  };
  port.onmessage = (event: MessageEvent<Frame>) => {
    const frame = event.data;
    if (frame.t === "d") queue.push(frame.b);
    else if (frame.t === "e") ended = true;
    else if (frame.t === "a") {
      inFlight -= frame.n;
      if (inFlight < WINDOW) drained?.();
      return;
    } else fail(new ConnectionReset());
    notify();
  };
  port.start();
  const readable = new ReadableStream<Uint8Array>({
    async pull(controller) {
      while (!queue.length && !ended && !failed) await new Promise<void>((r) => wake = r);
      const chunk = queue.shift();
      if (chunk) {
        port.postMessage({ t: "a", n: chunk.length } satisfies Frame);
        controller.enqueue(chunk);
      } else if (failed) {
        controller.error(failed);
      } else {
        controller.close();
        readClosed = true;
        maybeClose();
      }
    },
    cancel() {
      readClosed = true;
      maybeClose();
    },
  }, { highWaterMark: 0 });
  const writable = new WritableStream<Uint8Array>({
    async write(chunk) {
      while (inFlight >= WINDOW && !failed) await new Promise<void>((r) => drained = r);
      if (failed) throw failed;
      // A copy the port can own: the caller may reuse its buffer after write resolves.
      const copy = chunk.slice();
      inFlight += copy.length;
      port.postMessage({ t: "d", b: copy } satisfies Frame, [copy.buffer]);
    },
    close() {
      port.postMessage({ t: "e" } satisfies Frame);
      writeClosed = true;
      maybeClose();
    },
    abort() {
      port.postMessage({ t: "r" } satisfies Frame);
      writeClosed = true;
      maybeClose();
    },
  });
  return {
    readable,
    writable,
    reset() {
      if (!failed) port.postMessage({ t: "r" } satisfies Frame);
      fail(new ConnectionReset());
      port.close();
    },
  };
}
