/**
 * Crash-only persistence of the memory backend: its containers and networks are written under
 * `--data-root` as they change and read back on start (volumes and images keep their own
 * stores). There is no clean-shutdown path: every start is a recovery.
 *
 * What survives a `kill -9`: every acknowledged change to containers (config, name, state,
 * restart count, endpoints, mounts) and networks; a stopped container's files and last 256 KiB
 * of logs as of its last exit. What does not: a running container's processes (it becomes
 * exited with code 255, as in Docker) and what it wrote since it last exited, exec sessions,
 * and health check history.
 *
 * @module
 */
import type { BackendHandlers } from "../../core/protocol.ts";
import type { MemoryBackendState } from "../state.ts";
import { ObservedEventBus } from "./observed_event_bus.ts";
import { type RestoreReport, restoreState } from "./restore.ts";
import { StateDirectory } from "./state_dir.ts";
import { StateWriter } from "./state_writer.ts";
import { registerStartIntent } from "./start_intent.ts";

export { ObservedEventBus } from "./observed_event_bus.ts";
export type { RestoreReport } from "./restore.ts";

export interface Persistence {
  writer: StateWriter;
  /** What the start recovered. */
  report: RestoreReport;
  /** The handlers, each replying only once its changes are durable. */
  durable(handlers: BackendHandlers): BackendHandlers;
}

/** Restores the state below `state.options.dataRoot` and starts writing changes. */
export async function openPersistence(state: MemoryBackendState): Promise<Persistence> {
  if (!(state.events instanceof ObservedEventBus)) {
    throw new Error(
      "memory backend persistence needs the state's events to be an ObservedEventBus",
    );
  }
  const dir = await new StateDirectory(state.options.dataRoot).open();
  const writer = new StateWriter(state, dir);
  state.events.observer = (event) => writer.observe(event);
  registerStartIntent(state, (c) => writer.recordStartIntent(c));
  const report = await restoreState(state, dir, writer);
  for (const failure of report.failures) {
    console.error(`memory backend: restore: ${failure}`);
  }
  return {
    writer,
    report,
    durable(handlers) {
      const wrapped: Record<string, (request: unknown) => Promise<unknown>> = {};
      for (const [name, handler] of Object.entries(handlers)) {
        const call = handler as (request: unknown) => unknown;
        wrapped[name] = async (request) => {
          const reply = await Promise.resolve().then(() => call(request)).catch(async (error) => {
            // A start that failed after writing its intent: the record goes back to the truth.
            if (name === "container.start") {
              try {
                writer.touchContainer(state.containers.get((request as { id: string }).id).id);
              } catch { /* no such container: nothing was written for it */ }
              await writer.settled().catch(() => {});
            }
            throw error;
          });
          // Connecting a stopped container publishes no event, yet changes its record.
          if (name === "network.connect" || name === "network.disconnect") {
            const ref = (request as { container: string }).container;
            writer.touchContainer(state.containers.get(ref).id);
          }
          // A start wrote its record before the process began (see recordStartIntent).
          if (name !== "container.start") await writer.settled();
          if (name === "container.wait" && reply instanceof ReadableStream) {
            // The exit a waiter is told of is written down first (its die event is already in).
            return reply.pipeThrough(
              new TransformStream({
                async transform(result, controller) {
                  await writer.settled();
                  controller.enqueue(result);
                },
              }),
            );
          }
          return reply;
        };
      }
      return wrapped as unknown as BackendHandlers;
    },
  };
}
