/**
 * `docker exec` on Lambda goes through the function's agent, which dialled back to this
 * backend's agent endpoint when its instance started (see backends/core/cloud_agent): one exec
 * model, no invoke-per-exec.
 *
 * @module
 */
import { type AgentEndpoint, AgentExecs } from "../core/cloud_agent/mod.ts";
import type { ContainerDirectory } from "./directory.ts";
import { isRunning } from "./state.ts";

export function lambdaExecs(agents: AgentEndpoint, directory: ContainerDirectory): AgentExecs {
  return new AgentExecs({
    backend: "lambda",
    listener: agents.listener,
    find: async (ref) => {
      const c = await directory.get(ref);
      return { id: c.id, running: isRunning(c), workload: `function ${c.functionName}` };
    },
  });
}
