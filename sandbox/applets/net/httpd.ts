/**
 * `httpd -f [-v] [-p [IP:]PORT] [-h HOME]`: busybox's static file server on the sandbox's
 * network. GET and HEAD of files under HOME (a directory serves its index.html), one request per
 * connection as busybox does, its error pages, and no way out of HOME. CGI is not provided.
 *
 * @module
 */
import type { NetSocket, ProcessContext } from "../../types.ts";
import { parseArgs } from "../common/args.ts";
import { die, runApplet } from "../common/errors.ts";
import { resolvePath } from "../../path.ts";
import { parseHead, SocketReader } from "./http_message.ts";
import { netError, stackOf } from "./socket_io.ts";

const USAGE = "httpd [-ifvh] [-c CONFFILE] [-p [IP:]PORT] [-u USER[:GRP]] [-r REALM] [-h HOME]";

const TYPES: Record<string, string> = {
  html: "text/html",
  htm: "text/html",
  txt: "text/plain",
  css: "text/css",
  js: "application/javascript",
  json: "application/json",
  png: "image/png",
  jpg: "image/jpeg",
  gif: "image/gif",
  svg: "image/svg+xml",
};

const REASONS: Record<number, string> = {
  200: "OK",
  400: "Bad Request",
  403: "Forbidden",
  404: "Not Found",
  501: "Not Implemented",
};

function errorPage(status: number): string {
  const title = `${status} ${REASONS[status]}`;
  const text: Record<number, string> = {
    400: "Unsupported method",
    403: "",
    404: "The requested URL was not found",
    501: "The requested method is not recognized",
  };
  return `<HTML><HEAD><TITLE>${title}</TITLE></HEAD>\n<BODY><H1>${title}</H1>\n${
    text[status]
  }\n</BODY></HTML>\n`;
}

async function respond(
  ctx: ProcessContext,
  home: string,
  socket: NetSocket,
  verbose: boolean,
): Promise<void> {
  const reader = new SocketReader(socket.readable.getReader());
  const writer = socket.writable.getWriter();
  const send = async (status: number, headers: Record<string, string>, body?: Uint8Array) => {
    const lines = [`HTTP/1.1 ${status} ${REASONS[status]}`, `Date: ${new Date().toUTCString()}`];
    for (const [k, v] of Object.entries({ Connection: "close", ...headers })) {
      lines.push(`${k}: ${v}`);
    }
    await writer.write(new TextEncoder().encode(lines.join("\r\n") + "\r\n\r\n"));
    if (body?.length) await writer.write(body);
  };
  const fail = (status: number) => {
    const page = new TextEncoder().encode(errorPage(status));
    return send(
      status,
      { "Content-type": "text/html", "Content-Length": String(page.length) },
      page,
    );
  };
  try {
    const head = await reader.head();
    if (head === undefined) return;
    const { start } = parseHead(head);
    const [method, rawPath] = start.split(" ");
    if (verbose) await ctx.stderr.write(`${socket.remote.split(":")[0]}: url:${rawPath}\n`);
    if (method !== "GET" && method !== "HEAD") return await fail(501);
    let path: string;
    try {
      path = decodeURIComponent((rawPath ?? "/").split("?")[0]);
    } catch {
      return await fail(400);
    }
    // As busybox: a path climbing above HOME is a bad request (resolvePath keeps it inside too).
    let depth = 0;
    for (const part of path.split("/")) {
      if (part === "..") depth--;
      else if (part && part !== ".") depth++;
      if (depth < 0) return await fail(400);
    }
    let file = resolvePath(home, "." + resolvePath("/", path));
    const stat = await ctx.fs.stat(file).catch(() => undefined);
    if (stat?.kind === "dir") file = `${file.replace(/\/$/, "")}/index.html`;
    const data = await ctx.fs.readFile(file).catch(() => undefined);
    if (!data) return await fail(404);
    const ext = file.slice(file.lastIndexOf(".") + 1).toLowerCase();
    const modified = new Date((await ctx.fs.stat(file)).mtimeMs).toUTCString();
    await send(200, {
      "Content-type": TYPES[ext] ?? "application/octet-stream",
      "Last-Modified": modified,
      "Content-Length": String(data.length),
    }, method === "GET" ? data : undefined);
  } finally {
    await writer.close().catch(() => {});
    await reader.reader.cancel().catch(() => {});
  }
}

export const httpd = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("httpd", ctx.argv.slice(1), {
    flags: "ifv",
    values: "cphurm",
    usage: USAGE,
  });
  if (!parsed.flags.f) {
    die("running in the background is not possible in the sandbox: use -f (foreground)");
  }
  if (parsed.flags.i) die("-i (inetd mode) is not supported in the sandbox");
  if (parsed.values.c) die("-c (config file) is not supported in the sandbox's httpd");
  const portText = (parsed.values.p?.at(-1) ?? "80").split(":").pop()!;
  const port = Number(portText);
  if (!(port >= 1 && port <= 65535)) die(`invalid port '${portText}'`);
  const home = resolvePath(ctx.cwd, parsed.values.h?.at(-1) ?? ".");
  const listener = await stackOf(ctx).listen(port).catch((e) => die(`bind: ${netError(e)}`));
  const serving = new Set<Promise<void>>();
  try {
    for (;;) {
      const socket = await listener.accept(ctx.signal);
      const done = respond(ctx, home, socket, Boolean(parsed.flags.v)).catch(() => socket.reset())
        .finally(() => serving.delete(done));
      serving.add(done);
    }
  } finally {
    listener.close();
  }
});
