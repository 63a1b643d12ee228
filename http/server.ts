/**
 * The HTTP/1.1 server: one loop per connection that parses requests off the wire, hands each
 * to the fetch-style router as a `Request`, and writes the `Response` back, with keep-alive,
 * chunked bodies, client-gone detection for streaming responses, and hijacking. Deno.serve is not
 * used because it cannot give up a connection after a 101 (see DESIGN.md).
 *
 * @module
 */
import type { Connection } from "./connection.ts";
import { ConnReader } from "./conn_reader.ts";
import { type HijackedStream, hijackHead, HijackResponse } from "./hijack.ts";
import { chunkedBody, emptyBody, fixedLengthBody, type RequestBody } from "./request_body.ts";
import { headEnd, HttpParseError, parseHead, type RequestHead } from "./request_head.ts";
import { fixedWire, writeResponse } from "./response_writer.ts";
import { ConstantResponses, isConstant } from "./constant_responses.ts";
import { jsonResponse } from "./json.ts";
import type { Router } from "./router.ts";
import { log } from "../daemon/log.ts";

export interface ServerLimits {
  /** Largest request head accepted (moby uses Go's 1 MiB default). */
  maxHeadBytes: number;
  /** How much of an unread request body is drained to keep a connection alive. */
  maxDrainBytes: number;
}

export const DEFAULT_LIMITS: ServerLimits = { maxHeadBytes: 1 << 20, maxDrainBytes: 1 << 20 };

const encoder = new TextEncoder();
const constantsByRouter = new WeakMap<Router, ConstantResponses>();

/** Serves one connection until it closes. Never throws. */
export async function serveConnection(
  conn: Connection,
  router: Router,
  limits: ServerLimits = DEFAULT_LIMITS,
): Promise<void> {
  const reader = new ConnReader(conn);
  let constants = constantsByRouter.get(router);
  if (!constants) constantsByRouter.set(router, constants = new ConstantResponses());
  try {
    while (await serveRequest(reader, router, limits, constants));
  } catch (error) {
    log.debug("connection ended with an error", { remote: conn.remote, error: String(error) });
  } finally {
    conn.close();
  }
}

async function readHead(reader: ConnReader, limits: ServerLimits): Promise<RequestHead | null> {
  while (true) {
    const end = headEnd(reader.buffered);
    if (end >= 0) {
      const head = parseHead(reader.buffered.subarray(0, end));
      reader.consume(end);
      return head;
    }
    if (reader.buffered.length >= limits.maxHeadBytes) {
      throw new HttpParseError(431, "request head too large");
    }
    let more: boolean;
    try {
      more = await reader.fill(limits.maxHeadBytes + 64 * 1024);
    } catch (error) {
      if (error instanceof RangeError) throw new HttpParseError(431, "request head too large");
      throw error;
    }
    if (!more) return null;
  }
}

function bodyOf(reader: ConnReader, head: RequestHead): RequestBody {
  const transfer = head.get("transfer-encoding");
  const length = head.get("content-length");
  if (transfer !== null) {
    if (length !== null) throw new HttpParseError(400, "both Content-Length and Transfer-Encoding");
    if (transfer.toLowerCase() !== "chunked") {
      throw new HttpParseError(501, `unsupported transfer coding ${transfer}`);
    }
    return chunkedBody(reader);
  }
  if (length !== null) {
    if (!/^\d{1,15}$/.test(length)) throw new HttpParseError(400, "invalid Content-Length");
    const n = Number(length);
    return n === 0 ? emptyBody() : fixedLengthBody(reader, n);
  }
  return emptyBody();
}

async function refuse(reader: ConnReader, error: HttpParseError): Promise<false> {
  const response = jsonResponse({ message: error.message }, error.status);
  await writeResponse(reader.conn, response, "GET", false).catch(() => {});
  return false;
}

/** Serves one request; true when the connection can carry another. */
async function serveRequest(
  reader: ConnReader,
  router: Router,
  limits: ServerLimits,
  constants: ConstantResponses,
): Promise<boolean> {
  let head: RequestHead | null;
  let body: RequestBody;
  try {
    head = await readHead(reader, limits);
    if (!head) return false;
    body = bodyOf(reader, head);
  } catch (error) {
    if (error instanceof HttpParseError) return refuse(reader, error);
    throw error;
  }
  const upgrade = (head.get("upgrade") ?? "").toLowerCase() === "tcp";
  const connectionHeader = (head.get("connection") ?? "").toLowerCase();
  const keepAlive = head.minor === 1
    ? !connectionHeader.includes("close")
    : connectionHeader.includes("keep-alive");
  // A bodiless keep-alive request for a constant route answered before: the same bytes again.
  const cacheable = keepAlive && !upgrade && body.empty;
  const known = cacheable ? constants.lookup(head.method, head.target) : undefined;
  if (known) {
    await reader.conn.write(known);
    return !(reader.eof && reader.buffered.length === 0);
  }
  const gone = new AbortController();
  if (!upgrade) {
    // Once the body is read, a pending read tells us if the client hangs up mid-response.
    body.done.then((complete) => {
      if (!complete) return;
      return reader.fill().then((more) => {
        // A half-close after pipelined requests is not a hang-up while requests remain buffered.
        if (!more && reader.buffered.length === 0) gone.abort(new Error("client went away"));
      });
    }).catch(() => gone.abort(new Error("client connection failed")));
  }
  const hasBody = head.method !== "GET" && head.method !== "HEAD";
  let request: Request;
  try {
    request = new Request(`http://docker${head.target}`, {
      method: head.method,
      headers: head.fields,
      body: hasBody ? body.stream : undefined,
      // @ts-ignore: `duplex` is required by the fetch spec for stream bodies but not yet typed.
      duplex: "half",
    });
  } catch (error) {
    // A header value or target the fetch API will not take (control characters, bad escapes).
    return refuse(
      reader,
      new HttpParseError(400, `malformed request: ${(error as Error).message}`),
    );
  }
  const response = await router(request, { signal: gone.signal });
  if (response instanceof HijackResponse) {
    if (!await body.drain(limits.maxDrainBytes)) return false;
    await hijack(reader, response, upgrade);
    return false;
  }
  try {
    const wire = fixedWire(response, head.method, keepAlive);
    if (wire && cacheable && isConstant(response)) {
      constants.remember(head.method, head.target, wire);
    }
    if (wire) await reader.conn.write(wire);
    else await writeResponse(reader.conn, response, head.method, keepAlive, gone.signal);
  } catch (error) {
    log.debug("response not delivered", { error: String(error) });
    return false;
  }
  if (!keepAlive || gone.signal.aborted) return false;
  if (reader.eof && reader.buffered.length === 0) return false;
  return await body.drain(limits.maxDrainBytes);
}

async function hijack(reader: ConnReader, response: HijackResponse, upgrade: boolean) {
  const conn = reader.conn;
  await conn.write(encoder.encode(hijackHead(upgrade, response.contentType, response.headers)));
  let writeClosed = false;
  const stream: HijackedStream = {
    readable: new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          if (reader.buffered.length === 0 && !await reader.fill()) return controller.close();
          controller.enqueue(reader.take(64 * 1024));
        } catch (error) {
          controller.error(error);
        }
      },
    }, { highWaterMark: 0 }),
    writable: new WritableStream<Uint8Array>({
      write: (chunk) => conn.write(chunk),
      async close() {
        writeClosed = true;
        await conn.closeWrite().catch(() => {});
      },
      abort() {
        writeClosed = true;
        conn.close();
      },
    }),
  };
  try {
    await response.handler(stream);
  } catch (error) {
    log.warn("hijacked stream failed", { error: String(error) });
  }
  if (!writeClosed) await conn.closeWrite().catch(() => {});
}
