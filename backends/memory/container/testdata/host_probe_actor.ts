// The container actor with one extra message that tries to read a host file with Deno's API,
// so a test can show that code running where the container actor runs has no host access.
import { defineActor } from "../../../../actors/mod.ts";
import containerActor from "../actor.ts";
import type { ContainerActorArgs, ContainerMsg } from "../protocol.ts";

export type ProbeMsg =
  | ContainerMsg
  | { type: "read-host-file"; path: string }
  /** The Worker's heap after a full collection (needs --v8-flags=--expose-gc), for leak hunts. */
  | { type: "collected-heap" };

type State = Awaited<ReturnType<NonNullable<typeof containerActor.start>>>;

export default defineActor<ContainerActorArgs, ProbeMsg, State>({
  start: (args, ctx) => containerActor.start!(args, ctx),
  async receive(msg, ctx) {
    if (msg.type === "collected-heap") {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (!gc) throw new Error("collected-heap needs --v8-flags=--expose-gc");
      gc();
      return Deno.memoryUsage().heapUsed;
    }
    if (msg.type !== "read-host-file") return await containerActor.receive(msg, ctx);
    try {
      return `read ${(await Deno.readTextFile(msg.path)).length} bytes`;
    } catch (error) {
      return `${(error as Error).name}: ${(error as Error).message}`;
    }
  },
  stop: (ctx) => containerActor.stop!(ctx),
});
