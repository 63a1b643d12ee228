/**
 * Outbound agent connections for a Worker that has no network permission. A workload's agent
 * (a Lambda instance's, an ECS task's) dials back to the backend named by its
 * `SOCKERLESS_CALLBACK_URL`, as it would from a real function or task: the Worker asks the host
 * over a control port, and the host dials that one URL (with the workload's
 * `SOCKERLESS_AGENT_SECRET`) and relays frames over a fresh port. The Worker cannot name any
 * other address.
 *
 * @module
 */
import { type AgentChannel, dialBackend, portChannel } from "../../../agent/channel.ts";
import { decodeAgentFrame } from "../../../agent/protocol.ts";

type DialReply = { type: "connected"; port: MessagePort } | { type: "refused"; message: string };

/** The Worker's side: a `connect` for `runAgent` that dials through the host. */
export function portDialer(control: MessagePort): (signal: AbortSignal) => Promise<AgentChannel> {
  let waiting: { resolve(c: AgentChannel): void; reject(e: Error): void } | undefined;
  control.onmessage = (e: MessageEvent<DialReply>) => {
    const reply = e.data;
    if (reply.type === "connected") waiting?.resolve(portChannel(reply.port));
    else waiting?.reject(new Error(reply.message));
    waiting = undefined;
  };
  return (signal) =>
    new Promise((resolve, reject) => {
      waiting = { resolve, reject };
      control.postMessage("dial");
      signal.addEventListener("abort", () => reject(signal.reason), { once: true });
    });
}

/**
 * The host's side: dials `url` for each request and relays; returns a function that hangs up,
 * at once or, given `graceMs`, once the agent has closed each connection itself (its last frames
 * relayed) or that long has passed.
 */
export function serveDialBridge(
  control: MessagePort,
  url: string,
  secret: string,
): (graceMs?: number) => void {
  const open = new Set<AgentChannel>();
  const closedByAgent = new Map<AgentChannel, Promise<void>>();
  control.onmessage = async () => {
    let channel: AgentChannel;
    try {
      channel = await dialBackend(url, secret);
    } catch (e) {
      control.postMessage({ type: "refused", message: (e as Error).message } satisfies DialReply);
      return;
    }
    open.add(channel);
    let agentClosed!: () => void;
    closedByAgent.set(channel, new Promise((r) => agentClosed = r));
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = (e) => {
      if (e.data === null) {
        channel.close();
        agentClosed();
        return;
      }
      try {
        channel.send(decodeAgentFrame(String(e.data)));
      } catch {
        channel.close();
      }
    };
    void (async () => {
      for await (const frame of channel.frames) port1.postMessage(JSON.stringify(frame));
      open.delete(channel);
      closedByAgent.delete(channel);
      port1.postMessage(null);
      port1.close();
    })();
    control.postMessage({ type: "connected", port: port2 } satisfies DialReply, [port2]);
  };
  return (graceMs = 0) => {
    control.close();
    for (const channel of open) {
      if (graceMs <= 0) {
        channel.close();
        continue;
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<void>((r) => timer = setTimeout(r, graceMs));
      void Promise.race([closedByAgent.get(channel), late]).then(() => {
        clearTimeout(timer);
        channel.close();
      });
    }
  };
}
