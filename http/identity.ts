/**
 * The identity headers moby's version middleware puts on every response, serialised once: the
 * server appends them to every status line it writes, so handlers never set them.
 *
 * @module
 */
import { API_VERSION, ENGINE_VERSION } from "./version.ts";

export const IDENTITY_HEADERS: [string, string][] = [
  ["Api-Version", API_VERSION],
  ["Docker-Experimental", "false"],
  ["Ostype", "linux"],
  ["Server", `Docker/${ENGINE_VERSION} (linux)`],
];

/** {@link IDENTITY_HEADERS} as header lines, each ending in CRLF. */
export const IDENTITY_HEAD = IDENTITY_HEADERS.map(([k, v]) => `${k}: ${v}\r\n`).join("");
