/**
 * `wget [-qS] [-O FILE] [-T SEC] [-U AGENT] [--header H] [--spider] URL`: busybox's HTTP/1.1
 * client over the sandbox's sockets, with its messages ("Connecting to…", "server returned
 * error: …"), redirects followed, and bodies framed by Content-Length, chunks or close.
 * `https://` needs TLS, which the sandbox does not have: it says so.
 *
 * @module
 */
import type { ProcessContext } from "../../types.ts";
import { parseArgs, usageError } from "../common/args.ts";
import { die, runApplet } from "../common/errors.ts";
import { resolvePath } from "../../path.ts";
import { parseHead, SocketReader } from "./http_message.ts";
import { netError, stackOf, whileConnected } from "./socket_io.ts";

const USAGE =
  "wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR] [-T SEC] [-U AGENT] URL...";

interface Target {
  host: string;
  port: number;
  path: string;
}

function parseUrl(text: string): Target {
  const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  const scheme = url.slice(0, url.indexOf(":")).toLowerCase();
  if (scheme === "https") die(`not an http or ftp url: ${text} (the sandbox has no TLS)`);
  if (scheme !== "http") die(`not an http or ftp url: ${text}`);
  const match = /^http:\/\/([^/:?#]+)(?::(\d+))?([^#]*)/i.exec(url);
  if (!match) die(`bad address '${text}'`);
  return { host: match[1], port: match[2] ? Number(match[2]) : 80, path: match[3] || "/" };
}

export const wget = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("wget", ctx.argv.slice(1), {
    flags: "qScs",
    values: "OoTUY",
    long: {
      quiet: "q",
      "server-response": "S",
      spider: "s",
      "output-document=": "O",
      "timeout=": "T",
      "user-agent=": "U",
      "header=": "header",
      continue: "c",
    },
    usage: USAGE,
  });
  if (parsed.operands.length !== 1) usageError("wget", "need exactly one URL", USAGE);
  const quiet = Boolean(parsed.flags.q);
  const net = stackOf(ctx);
  const timeout = parsed.values.T ? Number(parsed.values.T.at(-1)) : undefined;
  const say = (text: string) => quiet ? Promise.resolve() : ctx.stderr.write(text);
  let target = parseUrl(parsed.operands[0]);
  for (let redirects = 0; redirects < 20; redirects++) {
    const signals = [ctx.signal, ...(timeout ? [AbortSignal.timeout(timeout * 1000)] : [])];
    const signal = AbortSignal.any(signals);
    const addresses = await net.resolve(target.host, signal).catch((e) => {
      if (ctx.signal.aborted) throw e;
      return die(`bad address '${target.host}'`);
    });
    await say(`Connecting to ${target.host}:${target.port} (${addresses[0]}:${target.port})\n`);
    const socket = await net.connect(addresses[0], target.port, signal).catch((e) => {
      if (ctx.signal.aborted) throw e;
      if (e instanceof DOMException && e.name === "TimeoutError") return die("download timed out");
      return die(`can't connect to remote host (${addresses[0]}): ${netError(e)}`);
    });
    const result = await whileConnected(ctx, socket, async () => {
      const writer = socket.writable.getWriter();
      const lines = [
        `${parsed.flags.s ? "HEAD" : "GET"} ${target.path} HTTP/1.1`,
        `Host: ${target.host}${target.port === 80 ? "" : `:${target.port}`}`,
        `User-Agent: ${parsed.values.U?.at(-1) ?? "Wget"}`,
        ...(parsed.values.header ?? []),
        "Connection: close",
        "",
        "",
      ];
      await writer.write(new TextEncoder().encode(lines.join("\r\n")));
      writer.releaseLock();
      const reader = new SocketReader(socket.readable.getReader());
      const head = await reader.head();
      if (head === undefined) die("error getting response: Connection reset by peer");
      const { start, headers } = parseHead(head);
      if (parsed.flags.S) {
        await ctx.stderr.write(head.split(/\r?\n/).map((l) => `  ${l}\n`).join(""));
      }
      const status = Number(start.split(" ")[1]);
      const location = headers.get("location");
      if (status >= 300 && status < 400 && location) {
        socket.reset();
        return { redirect: location };
      }
      if (status < 200 || status >= 300) die(`server returned error: ${start}`);
      if (parsed.flags.s) {
        socket.reset();
        return {};
      }
      const out = parsed.values.O?.at(-1) ??
        (target.path.split("?")[0].split("/").pop() || "index.html");
      const toStdout = out === "-";
      await say(toStdout ? "writing to stdout\n" : `saving to '${out}'\n`);
      const chunks: Uint8Array[] = [];
      for await (
        const chunk of reader.body(
          parsed.flags.s ? new Headers({ "content-length": "0" }) : headers,
        )
      ) {
        if (toStdout) await ctx.stdout.write(chunk);
        else chunks.push(chunk.slice());
      }
      socket.reset();
      if (!toStdout) {
        const size = chunks.reduce((n, c) => n + c.length, 0);
        const body = new Uint8Array(size);
        let at = 0;
        for (const c of chunks) body.set(c, (at += c.length) - c.length);
        await ctx.fs.writeFile(resolvePath(ctx.cwd, out), body);
        await say(`'${out}' saved\n`);
      } else await say("written to stdout\n");
      return {};
    });
    if (!result.redirect) return 0;
    target = result.redirect.startsWith("/")
      ? { ...target, path: result.redirect }
      : parseUrl(result.redirect);
  }
  return die("too many redirections");
});
