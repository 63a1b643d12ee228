/**
 * Dead letters: messages that reached no actor. They are published, not dropped, so a lost
 * message is visible in logs and tests (after Proto.Actor's deadletter.go).
 *
 * @module
 */

/** A message that could not be delivered, and why. */
export interface DeadLetter {
  /** The id of the actor it was meant for. */
  recipient: string;
  /** The message (or late reply) itself. */
  message: unknown;
  /** Why it could not be delivered. */
  reason:
    | "stopped" // the actor had stopped or was stopping
    | "crashed" // the actor had crashed
    | "undelivered" // still queued when the actor stopped
    | "late-reply" // a reply that arrived after its ask gave up
    | "no-parent-handler"; // an actor told its parent, and the spawner set no `onMessage`
}

/** The event {@link deadLetters} dispatches for each dead letter. */
export class DeadLetterEvent extends Event {
  /** Wraps one dead letter as a `"deadletter"` event. */
  constructor(readonly letter: DeadLetter) {
    super("deadletter");
  }
}

/** This thread's dead-letter channel. Listen for `"deadletter"` events. */
export const deadLetters: EventTarget = new EventTarget();

/** Publishes one dead letter on {@link deadLetters}. */
export function publishDeadLetter(letter: DeadLetter): void {
  deadLetters.dispatchEvent(new DeadLetterEvent(letter));
}
