/**
 * The place a cloud backend's workloads dial back to: an {@link AgentListener} served on one
 * loopback port (the only one `backends/host.ts` grants the backend's Worker), and the callback
 * URL each container's agent is given. Loopback, because the workloads that dial it run on this
 * host (the AWS simulator); workloads in a real cloud would need a reachable address instead.
 *
 * @module
 */
import { AgentListener } from "../../../agent/mod.ts";

/** The path agents dial; the container id is in the query. */
export const AGENT_PATH = "/agent";

/** The variables a workload's agent reads (see agent/main.ts). */
export const AGENT_ENV = {
  callbackUrl: "SOCKERLESS_CALLBACK_URL",
  secret: "SOCKERLESS_AGENT_SECRET",
  containerId: "SOCKERLESS_CONTAINER_ID",
} as const;

export interface AgentEndpoint {
  listener: AgentListener;
  /** Where agents dial (`ws://127.0.0.1:{port}/agent` by default), before the container's query. */
  url: string;
  /** The URL with `?container={id}`: what container `id`'s agent dials. */
  callbackUrl(containerId: string): string;
  /**
   * Lets container `id`'s agent in, with the secret it already holds (a restarted backend) or a
   * new one, and returns the environment that tells the agent where to dial and how.
   */
  enrol(containerId: string, knownSecret?: string): Record<string, string>;
  close(): Promise<void>;
}

/** Where the agent endpoint listens and what agents are told to dial. */
export interface AgentEndpointOptions {
  backend: string;
  port: number;
  /** The address to listen on; loopback unless `--agent-listen` says otherwise. */
  hostname?: string;
  /**
   * What agents dial (`--agent-url`), e.g. `wss://agents.example.com/agent` behind a TLS proxy
   * that forwards to this listener; `ws://{hostname}:{port}/agent` when absent.
   */
  publicUrl?: string;
}

/** Listens for agents; fails naming the backend when the address is taken. */
export function openAgentEndpoint(options: AgentEndpointOptions): AgentEndpoint {
  const listener = new AgentListener();
  const hostname = options.hostname ?? "127.0.0.1";
  let server: Deno.HttpServer<Deno.NetAddr>;
  try {
    server = Deno.serve(
      { hostname, port: options.port, onListen() {} },
      (req) => {
        if (new URL(req.url).pathname !== AGENT_PATH) {
          return Response.json({ message: "not an agent endpoint" }, { status: 404 });
        }
        return listener.handle(req);
      },
    );
  } catch (error) {
    throw new Error(
      `${options.backend} backend: cannot listen for agents on ${hostname}:${options.port}: ` +
        (error as Error).message,
    );
  }
  const base = options.publicUrl ?? `ws://${hostname}:${server.addr.port}${AGENT_PATH}`;
  const callbackUrl = (containerId: string) => {
    const url = new URL(base);
    url.searchParams.set("container", containerId);
    return url.href;
  };
  return {
    listener,
    url: base,
    callbackUrl,
    enrol: (containerId, knownSecret) => ({
      [AGENT_ENV.callbackUrl]: callbackUrl(containerId),
      [AGENT_ENV.secret]: listener.register(containerId, knownSecret),
      [AGENT_ENV.containerId]: containerId,
    }),
    close: () => server.shutdown(),
  };
}
