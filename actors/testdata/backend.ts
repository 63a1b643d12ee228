// A backend-like actor that supervises container-like children from inside its own Worker.
import { type ActorRef, defineActor, Supervisor, type SupervisorEvent } from "../mod.ts";
import type { LifecycleMsg, LifecycleNote } from "./lifecycle.ts";

export type BackendMsg =
  | { type: "ping-child"; label: string }
  | { type: "crash-child"; label: string }
  | LifecycleNote;

const lifecycle = new URL("./lifecycle.ts", import.meta.url);

export default defineActor<{ labels: string[] }, BackendMsg, { supervisor: Supervisor }>({
  async start(args, ctx) {
    const supervisor = await Supervisor.start({
      name: `supervisor of ${ctx.name}`,
      backoff: { minMs: 1, maxMs: 10, randomFactor: 0 },
      intensity: 5,
      children: args.labels.map((label) => ({
        id: label,
        start: () =>
          ctx.spawn<LifecycleMsg>({ module: lifecycle, args: { label }, permissions: "none" }),
      })),
    });
    // Restarts are reported once the supervisor holds the new child, so the parent may use it.
    supervisor.addEventListener("child-started", (event) => {
      const detail = (event as SupervisorEvent).detail;
      if (detail.type === "child-started") ctx.parent.tell({ type: "restarted", label: detail.id });
    });
    return { supervisor };
  },
  receive(msg, ctx) {
    switch (msg.type) {
      case "started":
      case "stopped":
        // Children's notes arrive here; pass them up so the test can see them.
        return ctx.parent.tell(msg);
      case "ping-child":
        return child(ctx.state.supervisor, msg.label).ask({ type: "ping" });
      case "crash-child":
        return child(ctx.state.supervisor, msg.label).tell({ type: "crash" });
    }
  },
  async stop(ctx) {
    await ctx.state.supervisor.stop();
  },
});

function child(supervisor: Supervisor, label: string): ActorRef<LifecycleMsg> {
  const ref = supervisor.child<ActorRef<LifecycleMsg>>(label);
  if (!ref) throw new Error(`child ${label} is not running`);
  return ref;
}
