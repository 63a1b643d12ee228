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

const token = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
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

/** Parses a complete head (as found by {@link headEnd}). */
export function parseHead(bytes: Uint8Array): RequestHead {
  const lines = decoder.decode(bytes).split("\n").map((l) => l.endsWith("\r") ? l.slice(0, -1) : l);
  const parts = lines[0].split(" ");
  if (parts.length !== 3) throw new HttpParseError(400, "malformed request line");
  const [method, target, version] = parts;
  if (!token.test(method)) throw new HttpParseError(400, "malformed method");
  if (version !== "HTTP/1.1" && version !== "HTTP/1.0") {
    throw new HttpParseError(505, `unsupported protocol version ${JSON.stringify(version)}`);
  }
  const path = originForm(target);
  if (path === undefined) throw new HttpParseError(400, "request target must be a path");
  const fields: [string, string][] = [];
  for (const line of lines.slice(1)) {
    if (line === "") continue;
    const colon = line.indexOf(":");
    const name = line.slice(0, colon);
    if (colon <= 0 || !token.test(name)) {
      throw new HttpParseError(400, `malformed header line ${JSON.stringify(line.slice(0, 40))}`);
    }
    const value = line.slice(colon + 1).trim();
    if (/[\0\r\n]/.test(value)) throw new HttpParseError(400, `invalid value for header ${name}`);
    fields.push([name, value]);
  }
  const get = (wanted: string) => {
    for (const [name, value] of fields) if (name.toLowerCase() === wanted) return value;
    return null;
  };
  return { method, target: path, minor: version === "HTTP/1.1" ? 1 : 0, fields, get };
}
