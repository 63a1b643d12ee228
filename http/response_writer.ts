/**
 * Writes a fetch `Response` onto a connection as HTTP/1.1: with its Content-Length when the
 * handler set one, chunked otherwise so streams (events, logs, pull progress) flush as they come.
 *
 * @module
 */
import type { Connection } from "./connection.ts";
import { fixedBodyOf } from "./fixed_response.ts";
import { IDENTITY_HEAD } from "./identity.ts";
import { STATUS_TEXT } from "./status_text.ts";

const encoder = new TextEncoder();

function bodyless(status: number, method: string): boolean {
  return method === "HEAD" || status === 204 || status === 304 || (status >= 100 && status < 200);
}

function statusLine(status: number): string {
  return `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? "Status"}\r\n`;
}

function head(response: Response, extra: string): string {
  let text = statusLine(response.status);
  for (const [name, value] of response.headers) text += `${name}: ${value}\r\n`;
  return text + IDENTITY_HEAD + extra + "\r\n";
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * The whole wire form of a response made by `fixedResponse`, or undefined for any other
 * response. `keepAlive` false adds `Connection: close`.
 */
export function fixedWire(
  response: Response,
  method: string,
  keepAlive: boolean,
): Uint8Array | undefined {
  const fixed = fixedBodyOf(response);
  if (!fixed) return undefined;
  const connection = keepAlive ? "" : "Connection: close\r\n";
  const text = statusLine(response.status) + fixed.head + IDENTITY_HEAD + connection + "\r\n";
  const bytes = bodyless(response.status, method) ? new Uint8Array(0) : fixed.bytes;
  return concat(encoder.encode(text), bytes);
}

/**
 * Writes the response. `keepAlive` false adds `Connection: close`. Resolves when everything is
 * written; rejects if the connection fails (the body stream is then cancelled).
 */
export async function writeResponse(
  conn: Connection,
  response: Response,
  method: string,
  keepAlive: boolean,
  signal?: AbortSignal,
): Promise<void> {
  const wire = fixedWire(response, method, keepAlive);
  if (wire) return conn.write(wire);
  const connection = keepAlive ? "" : "Connection: close\r\n";
  const length = response.headers.get("content-length");
  if (bodyless(response.status, method) || !response.body) {
    const extra = !response.body && !length && !bodyless(response.status, "GET")
      ? "Content-Length: 0\r\n"
      : "";
    await response.body?.cancel();
    return conn.write(encoder.encode(head(response, connection + extra)));
  }
  if (length !== null) {
    const body = new Uint8Array(await response.arrayBuffer());
    return conn.write(concat(encoder.encode(head(response, connection)), body));
  }
  await conn.write(encoder.encode(head(response, connection + "Transfer-Encoding: chunked\r\n")));
  const reader = response.body.getReader();
  const stop = () => reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener("abort", stop, { once: true });
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      if (value.length === 0) continue;
      const size = encoder.encode(value.length.toString(16) + "\r\n");
      const frame = new Uint8Array(size.length + value.length + 2);
      frame.set(size);
      frame.set(value, size.length);
      frame.set([13, 10], size.length + value.length);
      await conn.write(frame);
    }
    if (signal?.aborted) throw signal.reason;
    await conn.write(encoder.encode("0\r\n\r\n"));
  } catch (error) {
    await stop();
    throw error;
  } finally {
    signal?.removeEventListener("abort", stop);
  }
}
