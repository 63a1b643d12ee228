/**
 * Responses whose whole body is known up front (most of the API: JSON documents, `OK`). They are
 * ordinary `Response`s, so handlers and tests read them as usual, but the server writes them from
 * a pre-serialised head and the bytes kept beside them, skipping the body stream and header
 * iteration on the hot path.
 *
 * @module
 */

interface FixedBody {
  /** Header lines (each ending in CRLF) including Content-Type and Content-Length. */
  head: string;
  bytes: Uint8Array;
}

const fixed = new WeakMap<Response, FixedBody>();

/** A response with a known body; `headers` must not be changed afterwards. */
export function fixedResponse(
  bytes: Uint8Array,
  status: number,
  contentType: string,
  headers: Record<string, string> = {},
): Response {
  const all = { ...headers, "Content-Type": contentType, "Content-Length": String(bytes.length) };
  const response = new Response(bytes as Uint8Array<ArrayBuffer>, { status, headers: all });
  let head = "";
  for (const name in all) head += `${name}: ${all[name as keyof typeof all]}\r\n`;
  fixed.set(response, { head, bytes });
  return response;
}

/** The pre-serialised form of a response made by {@link fixedResponse}, if it is one. */
export function fixedBodyOf(response: Response): FixedBody | undefined {
  return fixed.get(response);
}
