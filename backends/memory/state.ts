/**
 * The memory backend's state: containers (by id, name and id prefix), exec sessions, images,
 * and the event bus, plus how container actors are spawned.
 *
 * @module
 */
import type { ActorRef } from "../../actors/mod.ts";
import type { ImageStore } from "../core/images/mod.ts";
import { InvalidParameter, NotFound } from "../core/errors.ts";
import type { EventBus } from "../core/events.ts";
import type { Container } from "./container.ts";
import type { ContainerActorArgs, ContainerMsg } from "./container/protocol.ts";
import type { ExecSession } from "./exec_session.ts";

export interface MemoryBackendOptions {
  /** The daemon's `--data-root`; the backend keeps its state below it. */
  dataRoot: string;
  /** Host figures containers report (`nproc`, `free`). */
  ncpu: number;
  memTotal: number;
  /** Host paths (`--allow-bind`) that bind mounts may use; none when empty. */
  allowBind?: string[];
  /** Registries reached over plain HTTP (`--insecure-registry`); loopback always is. */
  insecureRegistries?: string[];
}

export interface MemoryBackendState {
  options: MemoryBackendOptions;
  events: EventBus;
  images: ImageStore;
  containers: ContainerTable;
  execs: Map<string, ExecSession>;
  /** Starts a container actor (in a pooled Worker with no permissions). */
  spawnContainer(args: ContainerActorArgs): Promise<ActorRef<ContainerMsg>>;
}

/** Containers by id, with Docker's lookup order: full id, name, unique id prefix. */
export class ContainerTable {
  #byId = new Map<string, Container>();

  add(container: Container): void {
    this.#byId.set(container.id, container);
  }

  delete(container: Container): void {
    this.#byId.delete(container.id);
  }

  all(): Container[] {
    return [...this.#byId.values()];
  }

  /** The container a name is taken by, if any. */
  byName(name: string): Container | undefined {
    const bare = name.replace(/^\//, "");
    for (const c of this.#byId.values()) if (c.name === bare) return c;
    return undefined;
  }

  /** Finds a container or throws NotFound ("No such container: x"). */
  get(ref: string): Container {
    const exact = this.#byId.get(ref) ?? this.byName(ref);
    if (exact) return exact;
    if (/^[a-f0-9]+$/.test(ref)) {
      const matches = [...this.#byId.values()].filter((c) => c.id.startsWith(ref));
      if (matches.length > 1) {
        throw new InvalidParameter(`multiple IDs found with provided prefix: ${ref}`);
      }
      if (matches.length === 1) return matches[0];
    }
    throw new NotFound(`No such container: ${ref}`);
  }
}
