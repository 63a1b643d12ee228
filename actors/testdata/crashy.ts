// Fails in every way an actor can: in start, in receive, and outside any handler.
import { NotFound } from "../../backends/core/errors.ts";
import { defineActor } from "../mod.ts";

export type CrashyMsg =
  | { type: "throw" }
  | { type: "throw-later" }
  | { type: "reject-later" }
  | { type: "ping" }
  | { type: "slow"; ms: number }
  | { type: "fail-stop" };

type CrashyArgs = { failStart?: boolean; hangStart?: boolean; crashSoon?: boolean };

export default defineActor<CrashyArgs, CrashyMsg, { failStop: boolean }>({
  async start(args) {
    if (args?.failStart) throw new NotFound("no such image: missing:latest");
    if (args?.hangStart) await new Promise(() => {});
    if (args?.crashSoon) {
      setTimeout(() => {
        throw new Error("crashed right after start");
      }, 0);
    }
    return { failStop: false };
  },
  async receive(msg, ctx) {
    switch (msg.type) {
      case "throw":
        throw new Error("boom in receive");
      case "throw-later":
        setTimeout(() => {
          throw new Error("boom in a timer");
        }, 0);
        return "scheduled";
      case "reject-later":
        Promise.reject(new Error("boom in a promise"));
        return "scheduled";
      case "ping":
        return "pong";
      case "slow":
        await new Promise((resolve) => setTimeout(resolve, msg.ms));
        return "slept";
      case "fail-stop":
        ctx.state.failStop = true;
        return "armed";
    }
  },
  stop(ctx) {
    if (ctx.state.failStop) throw new Error("boom in stop");
  },
});
