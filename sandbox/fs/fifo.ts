/**
 * The buffer behind a named pipe (`mkfifo`). A reader blocks until a writer writes, and sees end
 * of file once every writer that opened the pipe has closed it.
 *
 * @module
 */

export class Pipe {
  #chunks: Uint8Array[] = [];
  #writers = 0;
  #hadWriter = false;
  #wake: (() => void)[] = [];

  openWriter(): void {
    this.#writers++;
    this.#hadWriter = true;
    this.#notify();
  }

  closeWriter(): void {
    this.#writers--;
    this.#notify();
  }

  write(data: Uint8Array): number {
    if (data.length > 0) this.#chunks.push(data.slice());
    this.#notify();
    return data.length;
  }

  /** Up to `max` bytes; `null` once all writers have closed and the buffer is drained. */
  async read(max: number, signal?: AbortSignal): Promise<Uint8Array | null> {
    while (true) {
      signal?.throwIfAborted();
      const head = this.#chunks[0];
      if (head) {
        if (head.length <= max) return this.#chunks.shift()!;
        this.#chunks[0] = head.subarray(max);
        return head.subarray(0, max);
      }
      if (this.#hadWriter && this.#writers === 0) {
        // Like Linux: once a reader has seen EOF the next writer starts a new stream.
        this.#hadWriter = false;
        return null;
      }
      await this.#waitForChange(signal);
    }
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = [];
    for (const resume of wake) resume();
  }

  #waitForChange(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(signal!.reason);
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#wake.push(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      });
    });
  }
}
