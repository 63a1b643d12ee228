/**
 * Published ports (`-p 8080:80`, `-P`): while a container runs, the backend actor (which has
 * network permission; container Workers never do) listens on the host port and forwards each
 * connection into the container's listener through the switchboard. A host port already taken
 * fails the start with Docker's message and leaves nothing listening.
 *
 * @module
 */
import type { HostConfig } from "../core/container_types.ts";
import { Conflict, InvalidParameter, NotImplemented } from "../core/errors.ts";
import type { Container } from "./container.ts";
import { duplexPort } from "./vnet/mod.ts";
import type { Switchboard } from "./vnet/mod.ts";

/** One host listener forwarding to a container port. */
export interface PublishedPort {
  containerPort: number;
  hostIp: string;
  hostPort: number;
  listener: Deno.TcpListener;
  /** Settles when the accept loop has ended, and with it Deno's hold on the port. */
  accepting: Promise<void>;
}

const published = new WeakMap<Container, PublishedPort[]>();
/** Accept loops still winding down after a stop, so a restart can wait for its ports. */
const closing = new WeakMap<Container, Promise<unknown>>();

function splitPort(key: string): { port: number; proto: string } {
  const [port, proto = "tcp"] = key.split("/");
  return { port: Number(port), proto };
}

/** Refuses, at create, bindings the memory backend cannot honour (UDP, SCTP, port ranges). */
export function checkPortBindings(host: HostConfig): void {
  for (const [key, bindings] of Object.entries(host.PortBindings ?? {})) {
    const { port, proto } = splitPort(key);
    if (proto !== "tcp") {
      throw new NotImplemented(
        `memory backend: publishing ${proto} port ${key} is not supported (TCP only)`,
      );
    }
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new InvalidParameter(`invalid port specification: "${key}"`);
    }
    for (const b of bindings ?? []) {
      if (b.HostPort && !/^\d+$/.test(b.HostPort)) {
        throw new NotImplemented(
          `memory backend: host port ranges are not supported ("${b.HostPort}")`,
        );
      }
    }
  }
}

/** The bindings to make: PortBindings, plus every exposed port with `-P`. */
function wanted(c: Container): { containerPort: number; hostIp: string; hostPort: number }[] {
  const out: { containerPort: number; hostIp: string; hostPort: number }[] = [];
  const bindings = { ...(c.hostConfig.PortBindings ?? {}) } as Record<
    string,
    { HostIp?: string; HostPort?: string }[] | null
  >;
  if (c.hostConfig.PublishAllPorts) {
    for (const key of Object.keys(c.config.ExposedPorts ?? {})) {
      if (splitPort(key).proto === "tcp" && !bindings[key]?.length) {
        bindings[key] = [{ HostPort: "" }];
      }
    }
  }
  for (const [key, list] of Object.entries(bindings)) {
    for (const b of list ?? []) {
      out.push({
        containerPort: splitPort(key).port,
        hostIp: b.HostIp || "0.0.0.0",
        hostPort: Number(b.HostPort || 0),
      });
    }
  }
  return out;
}

async function forward(board: Switchboard, c: Container, p: PublishedPort, conn: Deno.TcpConn) {
  const remote = conn.remoteAddr as Deno.NetAddr;
  const channel = board.dialIn(
    c.id,
    p.containerPort,
    `${remote.hostname}:${remote.port}`,
    `${p.hostIp}:${p.hostPort}`,
  );
  if (!(channel instanceof MessagePort)) {
    // As Docker's proxy does when nothing listens inside: accept, then close.
    conn.close();
    return;
  }
  const inside = duplexPort(channel);
  await Promise.allSettled([
    conn.readable.pipeTo(inside.writable),
    // Closing a Deno conn's writable closes the whole socket; a half-close must stay half.
    inside.readable.pipeTo(conn.writable, { preventClose: true }).then(() => conn.closeWrite()),
  ]);
  try {
    conn.close();
  } catch {
    // Already closed by the finished pipes.
  }
}

/** Opens the host listeners for a container about to start; all or none. */
export async function publishPorts(board: Switchboard, c: Container): Promise<void> {
  // A closed listener frees its port only once its pending accept has ended (docker restart).
  await closing.get(c);
  closing.delete(c);
  if (c.hostConfig.NetworkMode === "host" || c.hostConfig.NetworkMode === "none") return;
  const open: PublishedPort[] = [];
  try {
    for (const w of wanted(c)) {
      let listener: Deno.TcpListener;
      try {
        listener = Deno.listen({ hostname: w.hostIp, port: w.hostPort });
      } catch (error) {
        if (error instanceof Deno.errors.AddrInUse) {
          throw new Conflict(
            `driver failed programming external connectivity on endpoint ${c.name} (${c.id}): ` +
              `Bind for ${w.hostIp}:${w.hostPort} failed: port is already allocated`,
          );
        }
        throw new Conflict(
          `driver failed programming external connectivity on endpoint ${c.name}: listen on ${w.hostIp}:${w.hostPort}: ${
            (error as Error).message
          }`,
        );
      }
      const hostPort = (listener.addr as Deno.NetAddr).port;
      const p: PublishedPort = { ...w, hostPort, listener, accepting: Promise.resolve() };
      p.accepting = (async () => {
        for await (const conn of listener) forward(board, c, p, conn).catch(() => {});
      })().catch(() => {});
      open.push(p);
    }
  } catch (error) {
    for (const p of open) p.listener.close();
    throw error;
  }
  published.set(c, open);
}

/** Closes a container's host listeners (it stopped). */
export function unpublishPorts(c: Container): void {
  const ports = published.get(c) ?? [];
  if (ports.length) closing.set(c, Promise.all(ports.map((p) => p.accepting)));
  for (const p of ports) {
    try {
      p.listener.close();
    } catch {
      // Already closed.
    }
  }
  published.delete(c);
}

/** The ports a running container publishes. */
export function publishedPorts(c: Container): PublishedPort[] {
  return published.get(c) ?? [];
}
