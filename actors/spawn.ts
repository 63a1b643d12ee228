/**
 * Starting an actor: pick a Worker from the pool, load the actor into it, wait for its `start`.
 *
 * @module
 */

import { ActorRef } from "./actor_ref.ts";
import type { Message } from "./behaviour.ts";
import type { ActorPermissions } from "./permissions.ts";
import { ActorStartFailed } from "./errors.ts";
import { defaultPool, type PooledWorker, WorkerPool } from "./pool.ts";
import type { LoadTenant } from "./protocol.ts";
import { transferList } from "./transfer.ts";

/** What to start and with which rights. */
export interface SpawnOptions<Args = unknown> {
  /** The actor module; its default export is a behaviour from `defineActor`. */
  module: URL | string;
  /** Passed to the behaviour's `start` (structured-cloned; streams in it are transferred). */
  args?: Args;
  /** The Worker's Deno permissions. Required: least privilege is stated, never assumed. */
  permissions: ActorPermissions;
  /** A readable name for errors and dead letters; defaults to the id. */
  name?: string;
  /** The pool to take a Worker from (default: this thread's pool); `false` for a fresh Worker
   * that is terminated when the actor ends. */
  pool?: WorkerPool | false;
  /** Receives what the actor sends with `ctx.parent.tell`. Without it they become dead letters. */
  onMessage?: (msg: unknown) => void;
  /** How long `start` may take before the actor is killed and spawn rejects. Default 30 000 ms. */
  startTimeoutMs?: number;
  /** How long `stop()` waits before killing the actor. Default 5 000 ms. */
  stopTimeoutMs?: number;
}

const unpooled = new WorkerPool({ maxIdle: 0 });

/**
 * Starts an actor and resolves once its `start` has returned. Rejects with `ActorStartFailed`
 * (the actor's own error as `cause`) if `start` throws or the module cannot be loaded.
 */
export async function spawn<Msg extends Message = Message, Args = unknown>(
  options: SpawnOptions<Args>,
): Promise<ActorRef<Msg>> {
  const module = new URL(options.module);
  const pool = options.pool === false ? unpooled : options.pool ?? defaultPool;
  const id = crypto.randomUUID();
  const name = options.name ?? id;
  let pooled: PooledWorker;
  try {
    pooled = pool.checkout(module, options.permissions);
  } catch (error) {
    // e.g. NotCapable: a Worker without read access to the actor's code cannot start it.
    throw new ActorStartFailed(
      name,
      module.href,
      error instanceof Error ? error : new Error(String(error)),
    );
  }
  const channel = new MessageChannel();
  const ref = new ActorRef<Msg>({
    id,
    name,
    module: module.href,
    port: channel.port1,
    pooled,
    pool,
    stopTimeoutMs: options.stopTimeoutMs ?? 5_000,
    onMessage: options.onMessage,
  });
  const load: LoadTenant = {
    kind: "load",
    self: id,
    name,
    args: options.args,
    port: channel.port2,
  };
  pooled.worker.postMessage(load, [channel.port2, ...transferList(options.args)]);
  const startTimeoutMs = options.startTimeoutMs ?? 30_000;
  const timer = setTimeout(
    () => ref.kill(`did not start within ${startTimeoutMs} ms`),
    startTimeoutMs,
  );
  try {
    await ref._started();
  } finally {
    clearTimeout(timer);
  }
  return ref;
}
