/**
 * The event bus behind `GET /events`: backends publish Docker-shaped events; subscribers get a
 * replay of the retained history from `since`, then live events, filtered as moby's
 * `daemon/events/filter.go` does, ending at `until`.
 *
 * @module
 */
import { exactMatch, type Filters, fuzzyMatch, labelsMatch } from "./filters.ts";

/** One event in moby's `events.Message` shape. */
export interface DockerEvent {
  Type: "container" | "image" | "network" | "volume" | "daemon" | "builder";
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  scope: "local";
  time: number;
  timeNano: number;
  /** Deprecated fields moby still sends for container and image events. */
  status?: string;
  id?: string;
  from?: string;
}

/** A subscription: filters plus an optional time window in nanoseconds since the epoch. */
export interface EventQuery {
  filters: Filters;
  sinceNano?: number;
  untilNano?: number;
}

/** Keys `/events` accepts in `filters`. */
export const EVENT_FILTER_KEYS = [
  "config",
  "container",
  "daemon",
  "event",
  "image",
  "label",
  "network",
  "node",
  "plugin",
  "scope",
  "secret",
  "service",
  "type",
  "volume",
] as const;

/** True when the event passes every filter given. */
export function eventMatches(event: DockerEvent, filters: Filters): boolean {
  const attributes = event.Actor.Attributes;
  const action = event.Action.split(":")[0];
  if (!(fuzzyMatch(filters, "event", event.Action) || fuzzyMatch(filters, "event", action))) {
    return false;
  }
  if (!fuzzyMatch(filters, "type", event.Type)) return false;
  if (!exactMatch(filters, "scope", event.scope)) return false;
  if (!labelsMatch(filters, "label", attributes)) return false;
  const byActor = (key: string, type: DockerEvent["Type"]) =>
    !filters[key]?.length ||
    (event.Type === type &&
      (fuzzyMatch(filters, key, event.Actor.ID) || fuzzyMatch(filters, key, attributes.name)));
  if (!byActor("container", "container")) return false;
  if (!byActor("network", "network")) return false;
  if (!byActor("volume", "volume")) return false;
  if (!byActor("daemon", "daemon")) return false;
  if (filters.image?.length) {
    const image = event.Type === "image" ? attributes.name ?? event.Actor.ID : attributes.image;
    const bare = image?.replace(/:[^/:]+$/, "");
    if (!(fuzzyMatch(filters, "image", image) || fuzzyMatch(filters, "image", bare))) {
      if (!(event.Type === "image" && fuzzyMatch(filters, "image", event.Actor.ID))) return false;
    }
  }
  return true;
}

/** Retains the last `capacity` events and fans new ones out to subscribers. */
export class EventBus {
  #history: DockerEvent[] = [];
  #subscribers = new Set<(event: DockerEvent) => void>();
  #lastNano = 0;

  constructor(readonly capacity = 1024) {}

  /** Publishes an event stamped with the current time (strictly increasing nanoseconds). */
  publish(
    type: DockerEvent["Type"],
    action: string,
    actor: { ID: string; Attributes?: Record<string, string> },
  ): DockerEvent {
    const nowNano = Math.max(Date.now() * 1e6, this.#lastNano + 1);
    this.#lastNano = nowNano;
    const event: DockerEvent = {
      Type: type,
      Action: action,
      Actor: { ID: actor.ID, Attributes: actor.Attributes ?? {} },
      scope: "local",
      time: Math.floor(nowNano / 1e9),
      timeNano: nowNano,
    };
    if (type === "container" || type === "image") {
      event.status = action;
      event.id = actor.ID;
      if (actor.Attributes?.image) event.from = actor.Attributes.image;
    }
    this.#history.push(event);
    if (this.#history.length > this.capacity) this.#history.shift();
    for (const deliver of this.#subscribers) deliver(event);
    return event;
  }

  /** Events matching the query: the retained past from `sinceNano`, then live ones. */
  subscribe(query: EventQuery): ReadableStream<DockerEvent> {
    const { filters, sinceNano, untilNano } = query;
    const inWindow = (e: DockerEvent) =>
      (sinceNano === undefined || e.timeNano >= sinceNano) &&
      (untilNano === undefined || e.timeNano <= untilNano);
    const past = sinceNano === undefined && untilNano === undefined
      ? []
      : this.#history.filter((e) => inWindow(e) && eventMatches(e, filters));
    const subscribers = this.#subscribers;
    let deliver: ((event: DockerEvent) => void) | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = () => {
      if (deliver) subscribers.delete(deliver);
      clearTimeout(timer);
    };
    return new ReadableStream<DockerEvent>({
      start(controller) {
        for (const e of past) controller.enqueue(e);
        const remaining = untilNano === undefined ? Infinity : untilNano / 1e6 - Date.now();
        if (remaining <= 0) return controller.close();
        deliver = (e) => {
          if (inWindow(e) && eventMatches(e, filters)) controller.enqueue(e);
        };
        subscribers.add(deliver);
        if (remaining !== Infinity) {
          timer = setTimeout(() => {
            stop();
            controller.close();
          }, remaining);
        }
      },
      cancel: stop,
    });
  }

  /** How many live subscriptions there are (for tests and `docker info`'s EventsListeners). */
  get listeners(): number {
    return this.#subscribers.size;
  }
}

/** Parses moby's `since`/`until` form, "seconds[.nanoseconds]", into nanoseconds. */
export function parseEventTime(raw: string | null): number | undefined {
  if (raw === null || raw === "") return undefined;
  const match = /^(\d+)(?:\.(\d{1,9}))?$/.exec(raw);
  if (!match) return Number.NaN;
  return Number(match[1]) * 1e9 + Number((match[2] ?? "").padEnd(9, "0"));
}
