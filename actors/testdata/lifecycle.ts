// Reports its start and stop to its parent, and ends on request: normally or by crashing.
import { defineActor } from "../mod.ts";

export type LifecycleMsg = { type: "crash" } | { type: "quit" } | { type: "ping" };
export type LifecycleNote = { type: "started" | "stopped"; label: string };

export default defineActor<{ label: string }, LifecycleMsg, { label: string }>({
  start(args, ctx) {
    ctx.parent.tell({ type: "started", label: args.label });
    return { label: args.label };
  },
  receive(msg, ctx) {
    if (msg.type === "crash") throw new Error(`${ctx.state.label} crashed on purpose`);
    if (msg.type === "quit") ctx.stop();
    return "pong";
  },
  stop(ctx) {
    ctx.parent.tell({ type: "stopped", label: ctx.state.label });
  },
});
