/**
 * Starts the backend named by `--backend` as an actor in its own Worker, with only the
 * permissions that backend needs, and returns the client the router calls it through.
 *
 * @module
 */
import { type ActorPermissions, type ActorRef, spawn } from "../actors/mod.ts";
import { codeReadRoots } from "./code_roots.ts";
import { actorBackendClient } from "./core/backend_actor.ts";
import type { BackendClient, BackendRequest } from "./core/protocol.ts";

export interface BackendOptions {
  dataRoot: string;
  /** Host figures the backend reports to containers; read here because backends lack `sys`. */
  ncpu: number;
  memTotal: number;
  /** Host paths bind mounts may use (`--allow-bind`); the backend may read and write them. */
  allowBind?: string[];
}

interface BackendKind {
  module: URL;
  permissions(options: BackendOptions): ActorPermissions;
}

const kinds: Record<string, BackendKind> = {
  memory: {
    module: new URL("./memory/actor.ts", import.meta.url),
    // Container actors it spawns get no permissions at all. The backend itself needs its state
    // directory, and the network for registries, which can be anywhere the user names.
    permissions: (o) => ({
      read: [o.dataRoot, ...codeReadRoots(), ...(o.allowBind ?? [])],
      write: [o.dataRoot, ...(o.allowBind ?? [])],
      net: true,
    }),
  },
};

/** The backend names `--backend` accepts. */
export const BACKEND_NAMES = Object.keys(kinds);

export interface RunningBackend {
  name: string;
  client: BackendClient;
  ref: ActorRef<BackendRequest>;
  stop(): Promise<void>;
}

/** Spawns the backend actor; rejects with a clear message for an unknown name. */
export async function startBackend(name: string, options: BackendOptions): Promise<RunningBackend> {
  const kind = kinds[name];
  if (!kind) {
    throw new Error(
      `unknown backend ${JSON.stringify(name)}: available: ${BACKEND_NAMES.join(", ")}`,
    );
  }
  const ref = await spawn<BackendRequest, BackendOptions>({
    module: kind.module,
    args: options,
    permissions: kind.permissions(options),
    name: `backend:${name}`,
    pool: false,
  });
  return {
    name,
    client: actorBackendClient(ref),
    ref,
    async stop() {
      await ref.stop();
    },
  };
}
