/**
 * Listeners for `--host`: unix sockets (mode 0660), plain TCP (loopback only unless the operator
 * opts in), and TCP with mutual TLS through node:tls (`Deno.listenTls` cannot verify client
 * certificates). Every listener turns connections into {@link Connection}s for the server.
 *
 * @module
 */
import tls from "node:tls";
import { type Connection, denoConnection, nodeSocketConnection } from "./connection.ts";

/** A parsed `--host` value. */
export type HostAddress =
  | { kind: "unix"; path: string }
  | { kind: "tcp"; hostname: string; port: number };

export interface TlsFiles {
  cert: string;
  key: string;
  ca: string;
}

/** A running listener. */
export interface Listener {
  /** The address as a `DOCKER_HOST` value. */
  readonly url: string;
  /** Connections, until `close()`. */
  accept(): AsyncIterable<Connection>;
  close(): void;
}

/** Parses `unix:///path` or `tcp://host:port` (port defaults to 2375, or 2376 with TLS). */
export function parseHost(value: string, tlsEnabled = false): HostAddress {
  if (value.startsWith("unix://")) {
    const path = value.slice("unix://".length);
    if (!path.startsWith("/")) {
      throw new Error(`--host ${value}: a unix socket path must be absolute`);
    }
    return { kind: "unix", path };
  }
  if (value.startsWith("tcp://")) {
    const url = new URL(value.replace(/^tcp:/, "http:"));
    if (url.pathname !== "/" || url.search) throw new Error(`--host ${value}: unexpected path`);
    const port = url.port ? Number(url.port) : tlsEnabled ? 2376 : 2375;
    return { kind: "tcp", hostname: url.hostname.replace(/^\[|\]$/g, ""), port };
  }
  throw new Error(`--host ${value}: expected unix:///path or tcp://host:port`);
}

/** True for 127.0.0.0/8, ::1 and localhost. */
export function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "::1" || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/** Listens on a unix socket with mode 0660, replacing a stale socket file. */
export async function listenUnix(path: string): Promise<Listener> {
  try {
    const info = await Deno.lstat(path);
    if (!info.isSocket) throw new Error(`${path} exists and is not a socket`);
    try {
      (await Deno.connect({ transport: "unix", path })).close();
      throw new Error(`${path} is in use by another daemon`);
    } catch (error) {
      if (!(error instanceof Deno.errors.ConnectionRefused)) throw error;
    }
    await Deno.remove(path);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  const listener = Deno.listen({ transport: "unix", path });
  await Deno.chmod(path, 0o660);
  return wrapDeno(listener, `unix://${path}`);
}

/** Listens on plain TCP. The caller decides whether that is allowed (see `isLoopback`). */
export function listenTcp(hostname: string, port: number): Listener {
  const listener = Deno.listen({ transport: "tcp", hostname, port });
  return wrapDeno(listener, `tcp://${hostname}:${listener.addr.port}`);
}

function wrapDeno(listener: Deno.Listener, url: string): Listener {
  return {
    url,
    async *accept() {
      try {
        for await (const conn of listener) yield denoConnection(conn);
      } catch (error) {
        if (!(error instanceof Deno.errors.BadResource)) throw error;
      }
    },
    close() {
      try {
        listener.close();
      } catch {
        // Already closed.
      }
    },
  };
}

/** Listens on TCP with TLS, requiring a client certificate signed by `files.ca`. */
export async function listenMutualTls(
  hostname: string,
  port: number,
  files: TlsFiles,
): Promise<Listener> {
  const [cert, key, ca] = await Promise.all(
    [files.cert, files.key, files.ca].map((f) => Deno.readTextFile(f)),
  );
  const queue: Connection[] = [];
  let wake: (() => void) | undefined;
  let closed = false;
  const server = tls.createServer(
    { cert, key, ca, requestCert: true, rejectUnauthorized: true },
    (socket) => {
      queue.push(nodeSocketConnection(socket));
      wake?.();
    },
  );
  server.on("tlsClientError", () => {/* refused handshakes are the client's problem */});
  const bound = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, hostname, () => resolve((server.address() as { port: number }).port));
  });
  return {
    url: `tcp://${hostname}:${bound}`,
    async *accept() {
      while (!closed) {
        const next = queue.shift();
        if (next) yield next;
        else await new Promise<void>((resolve) => wake = resolve);
      }
    },
    close() {
      closed = true;
      server.close();
      wake?.();
    },
  };
}
