/**
 * What the network applets share: the sandbox's stack (or a loud failure when it has none),
 * libc wording for socket errors, and pumping bytes between a socket and stdio.
 *
 * @module
 */
import { NetError, type NetSocket, type NetworkStack, type ProcessContext } from "../../types.ts";
import { die } from "../common/errors.ts";

const STRERROR: Record<string, string> = {
  ECONNREFUSED: "Connection refused",
  EHOSTUNREACH: "Host is unreachable",
  ENETUNREACH: "Network is unreachable",
  EADDRINUSE: "Address in use",
  ECONNRESET: "Connection reset by peer",
};

/** The sandbox's network stack; dies naming what is missing when the sandbox has none. */
export function stackOf(ctx: ProcessContext): NetworkStack {
  const net = ctx.system.net;
  if (!net) {
    die("no network: this sandbox was started without a virtual network (sockets are unavailable)");
  }
  return net;
}

/** The libc wording of a socket failure. */
export function netError(error: unknown): string {
  if (error instanceof NetError || (error instanceof Error && "code" in error)) {
    return STRERROR[(error as NetError).code] ?? error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Copies stdin into the socket; closes the socket's write side at end of input (half-close). */
export async function stdinToSocket(ctx: ProcessContext, socket: NetSocket): Promise<void> {
  const writer = socket.writable.getWriter();
  try {
    for (;;) {
      const chunk = await ctx.stdin.read(ctx.signal);
      if (chunk === null) break;
      await writer.write(chunk);
    }
    await writer.close();
  } catch {
    // The peer went away or the process was signalled: stop reading stdin, nothing to report.
  } finally {
    writer.releaseLock();
  }
}

/** Copies what the socket receives to stdout until the peer closes its side. */
export async function socketToStdout(ctx: ProcessContext, socket: NetSocket): Promise<void> {
  for await (const chunk of socket.readable) await ctx.stdout.write(chunk);
}

/** Runs `body`, resetting the socket when the process is signalled so both ends stop. */
export async function whileConnected<T>(
  ctx: ProcessContext,
  socket: NetSocket,
  body: () => Promise<T>,
): Promise<T> {
  const onAbort = () => socket.reset();
  ctx.signal.addEventListener("abort", onAbort, { once: true });
  try {
    return await body();
  } finally {
    ctx.signal.removeEventListener("abort", onAbort);
  }
}
