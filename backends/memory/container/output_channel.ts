/**
 * A process's output as one `ReadableStream<OutputChunk>` (stdout and stderr tagged by stream),
 * which is how the backend receives it for logs and attach. Writes wait while the stream is full,
 * so a reader that falls behind slows the process down instead of growing a buffer: the
 * backpressure a pipe gives.
 *
 * @module
 */
import type { OutputChunk } from "../../core/container_types.ts";
import type { Output } from "../../../sandbox/mod.ts";
import { toBytes } from "../../../sandbox/mod.ts";

/** Bytes queued before writers wait: a Linux pipe's capacity. */
const HIGH_WATER_BYTES = 64 * 1024;

/** Raised to a process writing after its output ended (an orphan outliving the process). */
export class OutputClosed extends Error {
  constructor() {
    super("write to a closed output: the process this output belongs to has exited");
    this.name = "OutputClosed";
  }
}

/** Raised to a writer blocked on a full stream when its process is killed (SIGKILL). */
export class OutputInterrupted extends Error {
  constructor() {
    super("write interrupted: the process was killed while its output was full");
    this.name = "OutputInterrupted";
  }
}

export class OutputChannel {
  readonly readable: ReadableStream<OutputChunk>;
  #controller!: ReadableStreamDefaultController<OutputChunk>;
  #waiters: (() => void)[] = [];
  #closed = false;
  #cancelled = false;
  #interrupts = 0;

  constructor() {
    this.readable = new ReadableStream<OutputChunk>({
      start: (controller) => {
        this.#controller = controller;
      },
      pull: () => this.#wake(),
      cancel: () => {
        // The reader left (the backend dropped the stream). A process does not die of that:
        // its output is discarded from then on, as a log driver that stopped reading would.
        this.#cancelled = true;
        this.#wake();
      },
    }, { highWaterMark: HIGH_WATER_BYTES, size: (chunk) => Math.max(chunk.data.byteLength, 1) });
  }

  /** Queues `data` on `stream`, resolving once there is room for more. */
  async write(stream: 1 | 2, data: Uint8Array): Promise<void> {
    if (this.#closed) throw new OutputClosed();
    if (this.#cancelled || data.byteLength === 0) return;
    // Copied: writers may reuse their buffers once the write resolves.
    this.#controller.enqueue({ stream, data: data.slice(), time: Date.now() });
    const interrupts = this.#interrupts;
    while (!this.#closed && !this.#cancelled && (this.#controller.desiredSize ?? 1) <= 0) {
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
      if (this.#interrupts !== interrupts) throw new OutputInterrupted();
    }
  }

  /**
   * Fails the writes now waiting for room. A process blocked writing to an unread stream can
   * still be killed, as a Linux process blocked in write(2) on a full pipe can: its program gets
   * the error, and the kernel reports the signal it died of. Later writes wait as before.
   */
  interrupt(): void {
    this.#interrupts++;
    this.#wake();
  }

  /** An {@link Output} writing to `stream`, through `translate` when given (a TTY's ONLCR). */
  output(stream: 1 | 2, translate?: (bytes: Uint8Array) => Uint8Array): Output {
    return {
      write: (data) => {
        const bytes = toBytes(data);
        return this.write(stream, translate ? translate(bytes) : bytes);
      },
    };
  }

  /** Ends the stream after what is queued; later writes throw {@link OutputClosed}. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (!this.#cancelled) this.#controller.close();
    this.#wake();
  }

  #wake(): void {
    for (const resolve of this.#waiters.splice(0)) resolve();
  }
}
