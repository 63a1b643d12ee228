/**
 * Outbound agent connections for a Worker that has no network permission. A Lambda instance's
 * agent dials back to the backend named by the function's `SOCKERLESS_CALLBACK_URL`, as it would
 * from a real function: the Worker asks the host over a control port, and the host dials that one
 * URL (with the function's `SOCKERLESS_AGENT_SECRET`) and relays frames over a fresh port. The
 * Worker cannot name any other address.
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

/** The host's side: dials `url` for each request and relays; returns a function that hangs up. */
export function serveDialBridge(control: MessagePort, url: string, secret: string): () => void {
  const open = new Set<AgentChannel>();
  control.onmessage = async () => {
    let channel: AgentChannel;
    try {
      channel = await dialBackend(url, secret);
    } catch (e) {
      control.postMessage({ type: "refused", message: (e as Error).message } satisfies DialReply);
      return;
    }
    open.add(channel);
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = (e) => {
      if (e.data === null) {
        channel.close();
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
      port1.postMessage(null);
      port1.close();
    })();
    control.postMessage({ type: "connected", port: port2 } satisfies DialReply, [port2]);
  };
  return () => {
    control.close();
    for (const channel of open) channel.close();
  };
}
