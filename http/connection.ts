/**
 * One byte-level duplex connection, whatever the listener: a Deno unix or TCP connection, or a
 * node:tls socket (used for TCP with mutual TLS, which `Deno.listenTls` cannot verify). The HTTP
 * server and the hijacked streams only use this interface.
 *
 * @module
 */
import type { TLSSocket } from "node:tls";

export interface Connection {
  /** Reads into `buffer`; the number of bytes read, or `null` at end of input. */
  read(buffer: Uint8Array): Promise<number | null>;
  /** Writes all of `data`. */
  write(data: Uint8Array): Promise<void>;
  /** Half-closes: no more writes, reads go on. */
  closeWrite(): Promise<void>;
  close(): void;
  /** The peer, for logs. */
  readonly remote: string;
}

/** Wraps a Deno connection (unix or TCP). */
export function denoConnection(conn: Deno.Conn): Connection {
  let closed = false;
  const addr = conn.remoteAddr;
  return {
    remote: "hostname" in addr ? `${addr.hostname}:${addr.port}` : "unix",
    read: (buffer) => conn.read(buffer),
    async write(data) {
      let offset = 0;
      while (offset < data.length) offset += await conn.write(data.subarray(offset));
    },
    closeWrite: () => conn.closeWrite(),
    close() {
      if (closed) return;
      closed = true;
      try {
        conn.close();
      } catch {
        // Already closed by the peer.
      }
    },
  };
}

/** Wraps a node:tls socket with the same read/write/half-close semantics. */
export function nodeSocketConnection(socket: TLSSocket): Connection {
  const queue: Uint8Array[] = [];
  let ended = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  socket.on("data", (chunk: Uint8Array) => {
    queue.push(chunk);
    if (queue.length > 16) socket.pause();
    notify();
  });
  socket.on("end", () => {
    ended = true;
    notify();
  });
  socket.on("error", (error: Error) => {
    failure = error;
    notify();
  });
  socket.on("close", () => {
    ended = true;
    notify();
  });
  return {
    remote: `${socket.remoteAddress}:${socket.remotePort}`,
    async read(buffer) {
      while (queue.length === 0) {
        if (failure) throw failure;
        if (ended) return null;
        await new Promise<void>((resolve) => wake = resolve);
      }
      const head = queue[0];
      const n = Math.min(head.length, buffer.length);
      buffer.set(head.subarray(0, n));
      if (n === head.length) queue.shift();
      else queue[0] = head.subarray(n);
      if (queue.length <= 4) socket.resume();
      return n;
    },
    write(data) {
      return new Promise((resolve, reject) => {
        socket.write(data, (error?: Error | null) => error ? reject(error) : resolve());
      });
    },
    closeWrite() {
      return new Promise((resolve) => socket.end(resolve));
    },
    close() {
      socket.destroy();
    },
  };
}
