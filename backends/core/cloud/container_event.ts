/**
 * A container's lifecycle event (create, start, die, stop, kill, destroy), published the way
 * moby publishes it: the container's labels, image and name among the attributes.
 *
 * @module
 */
import type { EventBus } from "../events.ts";
import type { CloudContainer } from "./render.ts";

export function containerEvent(
  state: { events: EventBus },
  c: CloudContainer,
  action: string,
  extra: Record<string, string> = {},
): void {
  state.events.publish("container", action, {
    ID: c.id,
    Attributes: { ...(c.body.Labels ?? {}), image: c.image, name: c.name, ...extra },
  });
}
