/**
 * The network applets: `nc`, `wget`, `httpd`, `nslookup` and `ping`, over the sandbox's
 * `NetworkStack` (`ProcessContext.system.net`).
 *
 * @module
 */
import type { Applet } from "../../types.ts";
import { httpd } from "./httpd.ts";
import { nslookup, ping } from "./lookup.ts";
import { nc } from "./nc.ts";
import { wget } from "./wget.ts";

export const netApplets: Record<string, Applet> = { httpd, nc, nslookup, ping, wget };
