/**
 * `docker exec` on ECS goes through the task's agent, which dialled back to this backend's agent
 * endpoint when the task started (see backends/core/cloud_agent). ECS's own ExecuteCommand is not
 * used: real ECS answers it with an SSM Session Manager stream, and the agent already carries
 * exec with exit status, stdin, environment and working directory.
 *
 * @module
 */
import { type AgentEndpoint, AgentExecs } from "../core/cloud_agent/mod.ts";
import type { ContainerDirectory } from "./directory.ts";
import { isRunning } from "./state.ts";

export function ecsExecs(agents: AgentEndpoint, directory: ContainerDirectory): AgentExecs {
  return new AgentExecs({
    backend: "ecs",
    listener: agents.listener,
    find: async (ref) => {
      const c = await directory.get(ref);
      return { id: c.id, running: isRunning(c), workload: `task ${c.task?.taskArn ?? c.id}` };
    },
  });
}
