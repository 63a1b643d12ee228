/**
 * A buffered writer over an {@link Output}: applets emit many small pieces (a line, a field) and
 * the contract asks for chunks, so pieces collect up to a threshold and go out together.
 *
 * @module
 */
import type { Output } from "../../types.ts";
import { binary, unlatin1 } from "./bytes.ts";

const THRESHOLD = 32 * 1024;

export class BufferedWriter {
  #pieces: string[] = [];
  #size = 0;
  constructor(readonly target: Output) {}

  /** Queues a binary string; flushes when the buffer is large. */
  async write(text: string): Promise<void> {
    this.#pieces.push(text);
    this.#size += text.length;
    if (this.#size >= THRESHOLD) await this.flush();
  }

  /** Queues a Unicode string (file names, messages), encoding it as UTF-8. */
  text(text: string): Promise<void> {
    return this.write(binary(text));
  }

  /** Writes raw bytes after whatever is queued. */
  async bytes(data: Uint8Array): Promise<void> {
    await this.flush();
    if (data.length > 0) await this.target.write(data);
  }

  async flush(): Promise<void> {
    if (this.#size === 0 && this.#pieces.length === 0) return;
    const joined = this.#pieces.join("");
    this.#pieces = [];
    this.#size = 0;
    if (joined.length > 0) await this.target.write(unlatin1(joined));
  }
}
