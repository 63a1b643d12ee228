/**
 * For this folder's tests: a workload's agent on this host (processes through hostLauncher),
 * dialling the endpoint with the environment its container was enrolled with.
 *
 * @module
 */
import { type AgentOptions, dialBackend, hostLauncher, runAgent } from "../../../agent/mod.ts";
import { AGENT_ENV } from "./agent_endpoint.ts";

export function runTestAgent(
  env: Record<string, string>,
  options: Pick<AgentOptions, "signal" | "main" | "base"> = {},
): Promise<number> {
  return runAgent({
    containerId: env[AGENT_ENV.containerId],
    connect: (signal) => dialBackend(env[AGENT_ENV.callbackUrl], env[AGENT_ENV.secret], signal),
    launcher: hostLauncher,
    stdout: new WritableStream(),
    stderr: new WritableStream(),
    ...options,
  });
}
