/**
 * Parsing of an HTTP/1.x request head (request line and header fields), tolerant of bare LF line
 * endings as Go's net/http is, strict about everything that could smuggle a request.
 *
 * @module
 */

/** A malformed request, answered with `status` and then the connection is closed. */
export class HttpParseError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export interface RequestHead {
  method: string;
  target: string;
  /** 0 for HTTP/1.0, 1 for HTTP/1.1. */
  minor: 0 | 1;
  /** Header fields as sent (names as written), for building the `Request`. */
  fields: [string, string][];
  /** The first value of a header, by case-insensitive name. */
  get(name: string): string | null;
}

/** The index just past the blank line ending a head in `bytes`, or -1 if it is not complete. */
export function headEnd(bytes: Uint8Array): number {
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) {
    if (bytes[i + 1] === 10) return i + 2;
    if (bytes[i + 1] === 13 && bytes[i + 2] === 10) return i + 3;
  }
  return -1;
}

const decoder = new TextDecoder("latin1");

/**
 * The path and query of a request target: origin form as is, absolute form
 * (`http://docker/v1.44/info`, which RFC 9112 says servers must accept and Deno's fetch over a
 * unix socket sends) reduced to its path. Anything else is undefined.
 */
function originForm(target: string): string | undefined {
  if (target.startsWith("/")) return target;
  const absolute = /^https?:\/\/[^/?#]*(\/[^#]*)?$/i.exec(target);
  if (!absolute) return undefined;
  return absolute[1] ?? "/";
}

/** True when `text` is a non-empty RFC 9110 token (method, header name). */
function isToken(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) {
    if (!TOKEN_CHARS[text.charCodeAt(i)]) return false;
  }
  return true;
}

const TOKEN_CHARS = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~0123456789") TOKEN_CHARS[c.charCodeAt(0)] = 1;
for (let c = 65; c <= 90; c++) TOKEN_CHARS[c] = TOKEN_CHARS[c + 32] = 1;

/** The head's lines, without their CR or LF, in one pass (bare LF is tolerated). */
function lines(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const line = text.charCodeAt(end - 1) === 13 && end > start
      ? text.slice(start, end - 1)
      : text.slice(start, end);
    if (line !== "") out.push(line);
    start = end + 1;
  }
  return out;
}

/** Parses a complete head (as found by {@link headEnd}). */
export function parseHead(bytes: Uint8Array): RequestHead {
  // Heads are short: building the string in JS is cheaper than a call into the decoder.
  const text = bytes.length <= 4096
    ? String.fromCharCode.apply(null, bytes as unknown as number[])
    : decoder.decode(bytes);
  const [requestLine = "", ...headerLines] = lines(text);
  const parts = requestLine.split(" ");
  if (parts.length !== 3) throw new HttpParseError(400, "malformed request line");
  const [method, target, version] = parts;
  if (!isToken(method)) throw new HttpParseError(400, "malformed method");
  if (version !== "HTTP/1.1" && version !== "HTTP/1.0") {
    throw new HttpParseError(505, `unsupported protocol version ${JSON.stringify(version)}`);
  }
  const path = originForm(target);
  if (path === undefined) throw new HttpParseError(400, "request target must be a path");
  const fields: [string, string][] = [];
  const byName = new Map<string, string>();
  for (const line of headerLines) {
    const colon = line.indexOf(":");
    const name = line.slice(0, colon);
    if (colon <= 0 || !isToken(name)) {
      throw new HttpParseError(400, `malformed header line ${JSON.stringify(line.slice(0, 40))}`);
    }
    const value = line.slice(colon + 1).trim();
    if (/[\0\r]/.test(value)) throw new HttpParseError(400, `invalid value for header ${name}`);
    fields.push([name, value]);
    const lower = name.toLowerCase();
    if (!byName.has(lower)) byName.set(lower, value);
  }
  const get = (wanted: string) => byName.get(wanted) ?? null;
  return { method, target: path, minor: version === "HTTP/1.1" ? 1 : 0, fields, get };
}
