/**
 * A growable read buffer over a {@link Connection} with at most one read in flight, so the
 * server can watch for the client going away while a response streams and still use whatever
 * that read returns as the start of the next request (or of a hijacked stream).
 *
 * @module
 */
import type { Connection } from "./connection.ts";

export class ConnReader {
  #buffer = new Uint8Array(16 * 1024);
  #start = 0;
  #end = 0;
  #inflight: Promise<boolean> | undefined;
  #eof = false;

  constructor(readonly conn: Connection) {}

  /** Bytes buffered and not yet consumed. */
  get buffered(): Uint8Array {
    return this.#buffer.subarray(this.#start, this.#end);
  }

  /** True once the peer has closed its sending side. */
  get eof(): boolean {
    return this.#eof;
  }

  /** Marks `n` buffered bytes as consumed. */
  consume(n: number): void {
    this.#start += n;
    if (this.#start === this.#end) this.#start = this.#end = 0;
  }

  /** Takes up to `max` buffered bytes as a copy. */
  take(max: number): Uint8Array {
    const n = Math.min(max, this.#end - this.#start);
    const out = this.#buffer.slice(this.#start, this.#start + n);
    this.consume(n);
    return out;
  }

  /**
   * Reads more bytes into the buffer; false at end of input. Concurrent callers share the one
   * read in flight. `maxBuffered` bounds how large the buffer may grow.
   */
  fill(maxBuffered = 1 << 20): Promise<boolean> {
    if (this.#eof) return Promise.resolve(false);
    this.#inflight ??= this.#read(maxBuffered).finally(() => this.#inflight = undefined);
    return this.#inflight;
  }

  async #read(maxBuffered: number): Promise<boolean> {
    if (this.#end === this.#buffer.length) {
      const used = this.#end - this.#start;
      if (this.#start > 0 && used < this.#buffer.length / 2) {
        this.#buffer.copyWithin(0, this.#start, this.#end);
      } else {
        if (this.#buffer.length >= maxBuffered) throw new RangeError("read buffer limit reached");
        const grown = new Uint8Array(Math.min(this.#buffer.length * 2, maxBuffered));
        grown.set(this.#buffer.subarray(this.#start, this.#end));
        this.#buffer = grown;
      }
      this.#start = 0;
      this.#end = used;
    }
    const n = await this.conn.read(this.#buffer.subarray(this.#end));
    if (n === null) {
      this.#eof = true;
      return false;
    }
    this.#end += n;
    return true;
  }
}
