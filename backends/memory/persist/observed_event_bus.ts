/**
 * The backend's event bus, with one observer that sees every event as it is published: the
 * state writer learns of each change synchronously, before the call that made it replies.
 *
 * @module
 */
import { type DockerEvent, EventBus } from "../../core/events.ts";

export class ObservedEventBus extends EventBus {
  /** Set once the observer exists (it needs the state the bus is part of). */
  observer?: (event: DockerEvent) => void;

  override publish(
    type: DockerEvent["Type"],
    action: string,
    actor: { ID: string; Attributes?: Record<string, string> },
  ): DockerEvent {
    const event = super.publish(type, action, actor);
    this.observer?.(event);
    return event;
  }
}
