/**
 * Hijacking for attach and exec start. A handler validates first (404/400 are ordinary
 * responses), then returns a {@link HijackResponse}; the server answers `101 UPGRADED` when the
 * client sent `Upgrade: tcp` (moby's `client/hijack.go` requires 101), or `200 OK` with a raw
 * stream for old clients, and hands the connection over as a pair of Web Streams.
 *
 * @module
 */
import { IDENTITY_HEAD } from "./identity.ts";

/** The raw connection after the upgrade. Closing `writable` half-closes the connection. */
export interface HijackedStream {
  /** Bytes from the client (stdin); ends when the client half-closes. */
  readable: ReadableStream<Uint8Array>;
  /** Bytes to the client; `close()` is our half-close that ends the client's output. */
  writable: WritableStream<Uint8Array>;
}

export type HijackHandler = (stream: HijackedStream) => Promise<void>;

/** Multiplexed stdcopy frames (no TTY). */
export const MULTIPLEXED_STREAM = "application/vnd.docker.multiplexed-stream";
/** Raw bytes (TTY, or API < 1.42). */
export const RAW_STREAM = "application/vnd.docker.raw-stream";

/** A response that takes over the connection once the status line is written. */
export class HijackResponse extends Response {
  constructor(readonly contentType: string, readonly handler: HijackHandler) {
    super(null, { status: 200 });
  }
}

/** The status line and headers that start a hijacked stream. */
export function hijackHead(upgrade: boolean, contentType: string, headers: Headers): string {
  let head = upgrade
    ? `HTTP/1.1 101 UPGRADED\r\nContent-Type: ${contentType}\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n`
    : `HTTP/1.1 200 OK\r\nContent-Type: ${contentType}\r\n`;
  for (const [name, value] of headers) {
    if (name !== "content-type") head += `${name}: ${value}\r\n`;
  }
  return head + IDENTITY_HEAD + "\r\n";
}
