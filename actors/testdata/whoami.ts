// Tells which Worker it runs in, and leaves a timer behind to prove the host clears it.
import { defineActor } from "../mod.ts";

// Module-level on purpose: it identifies the Worker (shared by its tenants), it is not actor state.
const workerToken = crypto.randomUUID();
let ticks = 0;

export type WhoAmIMsg = { type: "whoami" } | { type: "leave-timer" } | { type: "ticks" };

export default defineActor<undefined, WhoAmIMsg>({
  receive(msg) {
    switch (msg.type) {
      case "whoami":
        return workerToken;
      case "leave-timer":
        setInterval(() => ticks++, 1);
        return "left";
      case "ticks":
        return ticks;
    }
  },
});
