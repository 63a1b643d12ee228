/**
 * Docker's JSON progress messages (`pkg/jsonmessage`), as `docker pull`/`docker push` read them
 * from the daemon: one JSON object per line, `progressDetail` for bars, `errorDetail` for a
 * failure after the stream has started.
 *
 * @module
 */

/** One progress message. */
export interface ProgressMessage {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  progress?: string;
  aux?: Record<string, unknown>;
  errorDetail?: { message: string };
  error?: string;
}

/** A status line, optionally about one layer or tag (`id`). */
export function statusMessage(status: string, id?: string): ProgressMessage {
  return id === undefined ? { status } : { status, progressDetail: {}, id };
}

/** A progress bar update, with the rendered bar the CLI shows when it is not on a terminal. */
export function progressMessage(
  status: string,
  id: string,
  current: number,
  total: number,
): ProgressMessage {
  return { status, progressDetail: { current, total }, progress: progressBar(current, total), id };
}

/** The message a failure becomes once the response has started streaming. */
export function errorMessage(error: unknown): ProgressMessage {
  const message = error instanceof Error ? error.message : String(error);
  return { errorDetail: { message }, error: message };
}

/** go-units' `HumanSize`: decimal units, four significant digits (`3.405MB`). */
export function humanSize(bytes: number): string {
  const units = ["B", "kB", "MB", "GB", "TB", "PB"];
  let size = bytes;
  let unit = 0;
  while (size >= 1000 && unit < units.length - 1) {
    size /= 1000;
    unit++;
  }
  return `${Number(size.toPrecision(4))}${units[unit]}`;
}

/** jsonmessage's `JSONProgress.String()` at the daemon's width: `[=====>    ]  1.2MB/3.4MB`. */
export function progressBar(current: number, total: number): string {
  if (current <= 0 && total <= 0) return "";
  if (total <= 0) return humanSize(current).padStart(8);
  const filled = Math.min(50, Math.floor(Math.floor((current / total) * 100) / 2));
  const bar = `[${"=".repeat(filled)}>${" ".repeat(Math.max(0, 50 - filled))}] `;
  const numbers = current > total
    ? humanSize(current).padStart(8)
    : `${humanSize(current).padStart(8)}/${humanSize(total)}`;
  return bar + numbers;
}

/**
 * Encodes progress as the daemon streams it (`\r\n`-separated JSON). A failure thrown by the
 * iterable becomes a final `errorDetail` message: by then the HTTP status has been sent.
 *
 * @example
 * ```ts
 * return new Response(jsonLines(pullImage(store, "alpine")), {
 *   headers: { "content-type": "application/json" },
 * });
 * ```
 */
export function jsonLines(messages: AsyncIterable<ProgressMessage>): ReadableStream<Uint8Array> {
  return encodeLines(messages[Symbol.asyncIterator]());
}

/**
 * Like {@link jsonLines}, but waits for the first message first, so a failure before any
 * progress (no such image, bad credentials, unreachable registry) rejects here and can be
 * answered with its HTTP status, as dockerd does while nothing has been flushed yet.
 *
 * @example
 * ```ts
 * const body = await startJsonLines(pullImage(store, name)); // rejects NotFound → 404
 * return new Response(body, { headers: { "content-type": "application/json" } });
 * ```
 */
export async function startJsonLines(
  messages: AsyncIterable<ProgressMessage>,
): Promise<ReadableStream<Uint8Array>> {
  const iterator = messages[Symbol.asyncIterator]();
  let pending: IteratorResult<ProgressMessage> | undefined = await iterator.next();
  return encodeLines({
    next() {
      const first = pending;
      pending = undefined;
      return first ? Promise.resolve(first) : iterator.next();
    },
    return: (value?: unknown) =>
      iterator.return?.(value) ?? Promise.resolve({ done: true, value: undefined }),
  });
}

// Cancelling the stream returns the iterator, which stops the operation (a pull cleans up).
function encodeLines(iterator: AsyncIterator<ProgressMessage>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      try {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(JSON.stringify(next.value) + "\r\n"));
      } catch (error) {
        controller.enqueue(encoder.encode(JSON.stringify(errorMessage(error)) + "\r\n"));
        controller.close();
      }
    },
    async cancel(reason) {
      await iterator.return?.(reason);
    },
  });
}

/**
 * Merges messages from concurrent tasks into one ordered async iterable: tasks `push`, the
 * consumer iterates; `fail` ends the iteration with an error.
 */
export class ProgressChannel<T> implements AsyncIterable<T> {
  #buffer: T[] = [];
  #waiter?: () => void;
  #closed = false;
  #error?: { reason: unknown };

  push(message: T): void {
    if (this.#closed) return;
    this.#buffer.push(message);
    this.#wake();
  }

  close(): void {
    this.#closed = true;
    this.#wake();
  }

  fail(reason: unknown): void {
    this.#error ??= { reason };
    this.close();
  }

  #wake() {
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    while (true) {
      while (this.#buffer.length > 0) yield this.#buffer.shift()!;
      if (this.#error) throw this.#error.reason;
      if (this.#closed) return;
      await new Promise<void>((resolve) => this.#waiter = resolve);
    }
  }
}
