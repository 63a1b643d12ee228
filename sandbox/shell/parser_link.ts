/**
 * One shell parser for many container Workers. mvdan-sh is 1.5 MB of GopherJS and costs each
 * Worker that loads it ~14 MiB, more than everything else a container holds when idle. So one
 * thread parses (it serves {@link serveShellParser} on a port per container) and each container
 * Worker asks it through {@link shellParserClient}.
 *
 * Parsing is synchronous for its callers (arithmetic, aliases and `eval` parse in the middle of
 * a command), so the client blocks on `Atomics.wait` over a SharedArrayBuffer the parsing side
 * fills, instead of awaiting a message. The parsing side must be another thread.
 *
 * @module
 */
import type { File } from "./ast.ts";

/** A parse done elsewhere: the tree, or a ShellSyntaxError's fields, or a failure. */
type Reply =
  | { file: File }
  | { syntax: { line: number; text: string; incomplete: boolean } }
  | { failure: string };

interface Request {
  source: string;
  braces: boolean;
  /** Header (state, byte length) then the reply as UTF-8 JSON. */
  shared: SharedArrayBuffer;
}

const PENDING = 0;
const DONE = 1;
/** The reply did not fit: the length word says how many bytes it needs. */
const TOO_SMALL = 2;
const HEADER = 8;

/** Parses locally; throws ShellSyntaxError (with `line`, `text`, `incomplete`) on bad input. */
export type LocalParse = (source: string, braces: boolean) => Promise<File>;

/** Answers parse requests arriving on `port` with `parse`, until the port is closed. */
export function serveShellParser(port: MessagePort, parse: LocalParse): void {
  port.onmessage = async (event: MessageEvent<Request>) => {
    const { source, braces, shared } = event.data;
    let reply: Reply;
    try {
      reply = { file: await parse(source, braces) };
    } catch (error) {
      const e = error as { line?: unknown; text?: unknown; incomplete?: unknown };
      reply = typeof e?.text === "string" && typeof e.line === "number"
        ? { syntax: { line: e.line, text: e.text, incomplete: e.incomplete === true } }
        : { failure: String((error as Error)?.message ?? error) };
    }
    const bytes = new TextEncoder().encode(JSON.stringify(reply));
    const header = new Int32Array(shared, 0, 2);
    header[1] = bytes.length;
    if (bytes.length > shared.byteLength - HEADER) {
      Atomics.store(header, 0, TOO_SMALL);
    } else {
      new Uint8Array(shared, HEADER, bytes.length).set(bytes);
      Atomics.store(header, 0, DONE);
    }
    Atomics.notify(header, 0);
  };
}

/** What a blocking remote parse gives back: the tree, or the syntax error's fields. */
export type RemoteReply = Exclude<Reply, { failure: string }>;

/**
 * A synchronous parse through the server at the other end of `port`. It blocks this thread
 * until the answer comes, at most `timeoutMs`.
 */
export function shellParserClient(
  port: MessagePort,
  timeoutMs = 30_000,
): (source: string, braces: boolean) => RemoteReply {
  // Made on the first parse: many containers never parse (`docker run alpine true`).
  let shared: SharedArrayBuffer | undefined;
  return (source, braces) => {
    shared ??= new SharedArrayBuffer(64 * 1024);
    while (true) {
      const header: Int32Array = new Int32Array(shared, 0, 2);
      Atomics.store(header, 0, PENDING);
      port.postMessage({ source, braces, shared } satisfies Request);
      if (Atomics.wait(header, 0, PENDING, timeoutMs) === "timed-out") {
        throw new Error(`the shell parser did not answer within ${timeoutMs / 1000} s`);
      }
      const length: number = header[1];
      if (Atomics.load(header, 0) === TOO_SMALL) {
        shared = new SharedArrayBuffer(HEADER + length * 2);
        continue;
      }
      // TextDecoder refuses views of shared memory: copy the reply out first.
      const text = new TextDecoder().decode(new Uint8Array(shared, HEADER, length).slice());
      const reply = JSON.parse(text) as Reply;
      if ("failure" in reply) throw new Error(`the shell parser failed: ${reply.failure}`);
      return reply;
    }
  };
}
