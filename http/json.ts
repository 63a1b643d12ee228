/**
 * JSON in and out of handlers: responses with an exact Content-Length (so the server need not
 * chunk them) and request bodies read with a size limit and a 400 for anything malformed.
 *
 * @module
 */
import { InvalidParameter } from "../backends/core/errors.ts";
import { fixedResponse } from "./fixed_response.ts";

const encoder = new TextEncoder();

/** A JSON response with Content-Type and Content-Length set. */
export function jsonResponse(
  data: unknown,
  status = 200,
  headers?: Record<string, string>,
): Response {
  return fixedResponse(encoder.encode(JSON.stringify(data)), status, "application/json", headers);
}

/** A plain-text response with Content-Length set. */
export function textResponse(
  text: string,
  status = 200,
  headers?: Record<string, string>,
): Response {
  return fixedResponse(encoder.encode(text), status, "text/plain; charset=utf-8", headers);
}

/** The default limit for JSON request bodies. */
export const JSON_BODY_LIMIT = 16 * 1024 * 1024;

/**
 * Reads a JSON request body. An empty body gives `undefined`; a body over `limit` bytes, a body
 * cut off half-way or malformed JSON is a 400.
 */
export async function readJson<T = unknown>(
  req: Request,
  limit = JSON_BODY_LIMIT,
): Promise<T | undefined> {
  if (!req.body) return undefined;
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > limit) {
        await reader.cancel();
        throw new InvalidParameter(`request body is larger than ${limit} bytes`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof InvalidParameter) throw error;
    throw new InvalidParameter(`could not read request body: ${(error as Error).message}`);
  }
  if (size === 0) return undefined;
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.length;
  }
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  } catch (error) {
    throw new InvalidParameter(`invalid JSON: ${(error as Error).message}`);
  }
}
