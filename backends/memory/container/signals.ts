/**
 * Signal names as the Docker API takes them (`docker kill -s`, `StopSignal`): "SIGTERM", "TERM"
 * and "15" all name the same signal. Anything else is refused the way Docker refuses it.
 *
 * @module
 */
import { InvalidParameter } from "../../core/errors.ts";
import { signalName } from "../../../sandbox/mod.ts";

/** The canonical name ("SIGTERM") of `signal`; throws InvalidParameter (400) when unknown. */
export function parseSignal(signal: string): string {
  const name = signal.trim() === "" ? undefined : signalName(signal.trim());
  if (name === undefined) throw new InvalidParameter(`Invalid signal: ${signal}`);
  return name;
}
