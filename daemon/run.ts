/**
 * Starting and stopping the daemon: the data root, the backend actor, the router and one accept
 * loop per listener. Stopping closes the listeners, removes unix socket files and stops the
 * backend (which stops its containers).
 *
 * @module
 */
import { startBackend } from "../backends/host.ts";
import { createRouter } from "../http/router.ts";
import { routes } from "../http/routes/mod.ts";
import {
  isLoopback,
  type Listener,
  listenMutualTls,
  listenTcp,
  listenUnix,
  parseHost,
} from "../http/listen.ts";
import { serveConnection } from "../http/server.ts";
import type { DaemonArgs } from "./args.ts";
import { readDaemonFacts } from "./facts.ts";
import { log } from "./log.ts";

export interface RunningDaemon {
  /** The listeners' addresses as DOCKER_HOST values. */
  urls: string[];
  stop(): Promise<void>;
}

async function openListener(value: string, args: DaemonArgs): Promise<Listener> {
  const tls = args.tlsCert && args.tlsKey && args.tlsCa
    ? { cert: args.tlsCert, key: args.tlsKey, ca: args.tlsCa }
    : undefined;
  const host = parseHost(value, Boolean(tls));
  if (host.kind === "unix") return await listenUnix(host.path);
  if (tls) return await listenMutualTls(host.hostname, host.port, tls);
  if (!args.insecureTcp) {
    throw new Error(
      `refusing ${value} without mutual TLS: give --tls-cert, --tls-key and --tls-ca, ` +
        "or --insecure-tcp to accept that anyone who can connect controls this daemon",
    );
  }
  if (!isLoopback(host.hostname)) {
    log.warn(
      "listening on plain TCP on a non-loopback address: anyone on the network controls this daemon",
      { host: value },
    );
  }
  return listenTcp(host.hostname, host.port);
}

/** Starts the daemon; rejects (having cleaned up) if any part cannot start. */
export async function startDaemon(args: DaemonArgs): Promise<RunningDaemon> {
  await Deno.mkdir(args.dataRoot, { recursive: true, mode: 0o700 });
  // Canonical paths: the backend's file permissions and bind checks compare resolved paths.
  const allowBind = await Promise.all(
    args.allowBind.map((path) =>
      Deno.realPath(path).catch((error) => {
        throw new Error(`--allow-bind ${path}: ${(error as Error).message}`);
      })
    ),
  );
  const backend = await startBackend(args.backend, {
    dataRoot: args.dataRoot,
    ncpu: navigator.hardwareConcurrency,
    memTotal: Deno.systemMemoryInfo().total,
    allowBind,
    insecureRegistries: args.insecureRegistries,
    awsEndpoint: args.awsEndpoint,
    agentListen: args.agentListen,
    agentUrl: args.agentUrl,
  });
  const listeners: Listener[] = [];
  try {
    for (const host of args.hosts) listeners.push(await openListener(host, args));
  } catch (error) {
    listeners.forEach((l) => l.close());
    await backend.stop();
    throw error;
  }
  const urls = listeners.map((l) => l.url);
  const facts = await readDaemonFacts(backend.name, args.dataRoot, urls, args.insecureRegistries);
  const router = createRouter(routes, { backend: backend.client, daemon: facts });
  const loops = listeners.map(async (listener) => {
    for await (const conn of listener.accept()) serveConnection(conn, router);
  });
  log.info("daemon started", { backend: backend.name, hosts: urls, dataRoot: args.dataRoot });
  return {
    urls,
    async stop() {
      listeners.forEach((l) => l.close());
      await Promise.allSettled(loops);
      for (const url of urls) {
        if (url.startsWith("unix://")) await Deno.remove(url.slice(7)).catch(() => {});
      }
      await backend.stop();
      log.info("daemon stopped");
    },
  };
}
