/** The state every handler shares: the database, where git repositories live, public URLs. */
import type { Db } from "./store/db.ts";
import type { UserRow } from "./store/users.ts";
import type { Params } from "./router.ts";
import type { RateLimiter } from "./rate_limit.ts";

export interface Hub {
  db: Db;
  dataDir: string;
  gitRoot: string;
  /** e.g. `https://127.0.0.1:8443`; the web, API and git URLs derive from it. */
  origin: string;
  /** Fire-and-forget webhook deliveries still in flight, awaited on shutdown. */
  pending: Set<Promise<unknown>>;
  limiter: RateLimiter;
  /** Every webhook event as a `CustomEvent<HubEvent>` named "event", for in-process listeners. */
  events: EventTarget;
}

/** One authenticated REST request. */
export interface ApiRequest {
  hub: Hub;
  req: Request;
  url: URL;
  params: Params;
  viewer: UserRow | null;
  scopes: string[];
  /** The key the caller's request budget is counted under. */
  rateKey: string;
}

export const apiBase = (hub: Hub) => `${hub.origin}/api/v3`;
