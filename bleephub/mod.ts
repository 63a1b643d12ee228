/**
 * bleephub, a GitHub simulator: REST `/api/v3`, GraphQL `/api/graphql`, OAuth device flow and
 * git smart HTTP at `/{owner}/{repo}.git`, with all state in `dataDir` (SQLite + bare repos).
 */
import type { Hub } from "./hub.ts";
import { openDatabase } from "./store/db.ts";
import { ensureAdmin } from "./store/users.ts";
import { ensureTlsMaterial } from "./tls.ts";
import { createHandler } from "./server.ts";
import { RateLimiter } from "./rate_limit.ts";
import { gitDirFor, installHooks } from "./git/storage.ts";

export type { Hub } from "./hub.ts";
export type { HubEvent } from "./webhooks.ts";
export { createHandler } from "./server.ts";

export interface BleephubOptions {
  /** 0 picks a free port. */
  port: number;
  dataDir: string;
  /** Token that authenticates as the site admin `admin`. */
  adminToken: string;
  /** Serve plain HTTP instead of HTTPS (gh needs HTTPS; octokit and git work with either). */
  http?: boolean;
  signal?: AbortSignal;
}

export interface Bleephub {
  origin: string;
  port: number;
  /** PEM of the CA that signed the server certificate (absent with `http`). */
  caPem?: string;
  hub: Hub;
  finished: Promise<void>;
  close(): Promise<void>;
}

export async function startBleephub(options: BleephubOptions): Promise<Bleephub> {
  const dataDir = await Deno.realPath(
    await Deno.mkdir(options.dataDir, { recursive: true }).then(() => options.dataDir),
  );
  const gitRoot = `${dataDir}/git`;
  await Deno.mkdir(gitRoot, { recursive: true });
  const db = openDatabase(`${dataDir}/bleephub.db`);
  if (!options.adminToken) throw new Error("bleephub needs an admin token (--admin-token)");
  ensureAdmin(db, options.adminToken);
  // Repositories created by an older bleephub get the current pre-receive hook.
  for (const { id } of db.prepare("SELECT id FROM repos").all() as { id: number }[]) {
    await installHooks(gitDirFor(gitRoot, id));
  }
  const tls = options.http ? undefined : await ensureTlsMaterial(`${dataDir}/tls`);
  const hub: Hub = {
    db,
    dataDir,
    gitRoot,
    origin: "",
    pending: new Set(),
    limiter: new RateLimiter(),
    events: new EventTarget(),
  };
  const handler = createHandler(hub);
  const listening = Promise.withResolvers<Deno.NetAddr>();
  const server = Deno.serve({
    hostname: "127.0.0.1",
    port: options.port,
    signal: options.signal,
    ...(tls ? { cert: tls.certPem, key: tls.keyPem } : {}),
    onListen: (addr) => listening.resolve(addr),
  }, handler);
  const addr = await listening.promise;
  // Default ports stay out of URLs, as on GitHub (gh matches git remotes by a port-less host).
  const defaultPort = tls ? 443 : 80;
  hub.origin = `${tls ? "https" : "http"}://127.0.0.1${
    addr.port === defaultPort ? "" : `:${addr.port}`
  }`;
  const finished = server.finished.then(async () => {
    await Promise.allSettled([...hub.pending]);
    db.close();
  });
  return {
    origin: hub.origin,
    port: addr.port,
    caPem: tls?.caPem,
    hub,
    finished,
    async close() {
      await server.shutdown();
      await finished;
    },
  };
}
