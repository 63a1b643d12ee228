/**
 * `nc [-l] [-p PORT] [-w SEC] [-z] [-v] [HOST] [PORT]`, busybox's netcat: connect to HOST:PORT
 * (or with `-l` wait for one connection on PORT) and copy stdin to the peer and the peer to
 * stdout. `-z` only checks that something listens. Sockets come from the sandbox's network.
 *
 * @module
 */
import type { NetSocket, ProcessContext } from "../../types.ts";
import { parseArgs, usageError } from "../common/args.ts";
import { die, runApplet, warn } from "../common/errors.ts";
import { netError, socketToStdout, stackOf, stdinToSocket, whileConnected } from "./socket_io.ts";

const USAGE = "nc [-lvz] [-w SEC] [-p PORT] [IPADDR PORT]";

function portNumber(text: string): number {
  const port = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535)) die(`bad port '${text}'`);
  return port;
}

async function converse(ctx: ProcessContext, socket: NetSocket): Promise<void> {
  await whileConnected(ctx, socket, async () => {
    const sending = stdinToSocket(ctx, socket);
    await socketToStdout(ctx, socket);
    // The peer is done; a stdin still open (a terminal, a pipe) no longer matters.
    void sending;
  });
}

export const nc = runApplet(async (ctx: ProcessContext) => {
  const parsed = parseArgs("nc", ctx.argv.slice(1), { flags: "lvzn", values: "pwe", usage: USAGE });
  const f = parsed.flags;
  if (parsed.values.e) {
    die("-e is not supported: the sandbox's nc cannot hand a socket to a program");
  }
  const wait = parsed.values.w ? Number(parsed.values.w.at(-1)) : undefined;
  const net = stackOf(ctx);
  if (f.l) {
    const portText = parsed.values.p?.at(-1) ?? parsed.operands[parsed.operands.length - 1];
    if (!portText) usageError("nc", "-l needs a port (-p PORT)", USAGE);
    const listener = await net.listen(portNumber(portText)).catch((e) =>
      die(`bind: ${netError(e)}`)
    );
    let socket: NetSocket;
    try {
      const signals = [
        ctx.signal,
        ...(wait !== undefined ? [AbortSignal.timeout(wait * 1000)] : []),
      ];
      socket = await listener.accept(AbortSignal.any(signals)).catch((e) => {
        if (ctx.signal.aborted) throw e;
        return die("timeout");
      });
    } finally {
      listener.close();
    }
    if (f.v) await warn(ctx, `connect from ${socket.remote}`);
    await converse(ctx, socket);
    return 0;
  }
  if (parsed.operands.length !== 2) usageError("nc", "need a host and a port", USAGE);
  const [host, portText] = parsed.operands;
  const port = portNumber(portText);
  const signals = [ctx.signal, ...(wait !== undefined ? [AbortSignal.timeout(wait * 1000)] : [])];
  const socket = await net.connect(host, port, AbortSignal.any(signals)).catch((e) => {
    if (ctx.signal.aborted) throw e;
    if (e instanceof DOMException && e.name === "TimeoutError") return die("timeout");
    if (e?.code === "ENOTFOUND") return die(`bad address '${host}'`);
    return die(`can't connect to remote host (${host}): ${netError(e)}`);
  });
  if (f.v) await warn(ctx, `${host} (${socket.remote}) open`);
  if (f.z) {
    socket.reset();
    return 0;
  }
  await converse(ctx, socket);
  return 0;
});
