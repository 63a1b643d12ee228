/**
 * HTTP/1.x framing for `wget` and `httpd`: reading a message head (up to the blank line) from a
 * socket and then its body by Content-Length, chunked coding, or until the peer closes.
 *
 * @module
 */

/** Reads from a socket's reader with bytes pushed back, for the body after the head. */
export class SocketReader {
  #pending: Uint8Array = new Uint8Array(0);

  constructor(readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  async #more(): Promise<boolean> {
    const { value, done } = await this.reader.read();
    if (done) return false;
    const joined = new Uint8Array(this.#pending.length + value.length);
    joined.set(this.#pending);
    joined.set(value, this.#pending.length);
    this.#pending = joined;
    return true;
  }

  /** The head as text (without the blank line), or undefined when the peer closed first. */
  async head(limit = 64 * 1024): Promise<string | undefined> {
    for (;;) {
      const end = findBlankLine(this.#pending);
      if (end >= 0) {
        const text = new TextDecoder().decode(this.#pending.subarray(0, end));
        this.#pending = this.#pending.subarray(end + (this.#pending[end] === 13 ? 4 : 2));
        return text;
      }
      if (this.#pending.length > limit) throw new Error("message head too large");
      if (!await this.#more()) return this.#pending.length ? undefined : undefined;
    }
  }

  /** One line (for chunk sizes), without its CRLF. */
  async line(): Promise<string> {
    for (;;) {
      const at = this.#pending.indexOf(10);
      if (at >= 0) {
        const text = new TextDecoder().decode(this.#pending.subarray(0, at)).replace(/\r$/, "");
        this.#pending = this.#pending.subarray(at + 1);
        return text;
      }
      if (!await this.#more()) throw new Error("connection closed in a chunked body");
    }
  }

  /** Up to `max` bytes; null at the end of the stream. */
  async chunk(max = Infinity): Promise<Uint8Array | null> {
    if (!this.#pending.length && !await this.#more()) return null;
    const taken = this.#pending.subarray(0, Math.min(max, this.#pending.length));
    this.#pending = this.#pending.subarray(taken.length);
    return taken;
  }

  /** The body as framed by the headers, chunk by chunk. */
  async *body(headers: Headers): AsyncGenerator<Uint8Array> {
    if (headers.get("transfer-encoding")?.toLowerCase().includes("chunked")) {
      for (;;) {
        const size = parseInt(await this.line(), 16);
        if (!(size > 0)) break;
        let left = size;
        while (left > 0) {
          const part = await this.chunk(left);
          if (!part) throw new Error("connection closed in a chunked body");
          left -= part.length;
          yield part;
        }
        await this.line();
      }
      return;
    }
    const length = headers.get("content-length");
    let left = length === null ? Infinity : Number(length);
    while (left > 0) {
      const part = await this.chunk(left);
      if (!part) {
        if (left !== Infinity) throw new Error("connection closed before the whole body arrived");
        return;
      }
      left -= part.length;
      yield part;
    }
  }
}

function findBlankLine(bytes: Uint8Array): number {
  for (let i = 0; i + 1 < bytes.length; i++) {
    if (bytes[i] === 10 && bytes[i + 1] === 10) return i;
    if (bytes[i] === 13 && bytes[i + 1] === 10 && bytes[i + 2] === 13 && bytes[i + 3] === 10) {
      return i;
    }
  }
  return -1;
}

/** Splits a head into its first line and headers. */
export function parseHead(head: string): { start: string; headers: Headers } {
  const [start, ...lines] = head.split(/\r?\n/);
  const headers = new Headers();
  for (const line of lines) {
    const cut = line.indexOf(":");
    if (cut > 0) headers.append(line.slice(0, cut).trim(), line.slice(cut + 1).trim());
  }
  return { start, headers };
}
