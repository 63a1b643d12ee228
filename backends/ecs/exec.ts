/**
 * `docker exec` on ECS goes through the task's agent, which dialled back to this backend's agent
 * endpoint when the task started (see backends/core/cloud_agent). ECS's own ExecuteCommand is not
 * used: real ECS answers it with an SSM Session Manager stream, and the agent already carries
 * exec with exit status, stdin, environment and working directory.
 *
 * @module
 */
import { AGENT_ENV, type AgentEndpoint, AgentExecs } from "../core/cloud_agent/mod.ts";
import type { ContainerDirectory, EcsContainer } from "./directory.ts";
import { isRunning } from "./state.ts";

export function ecsExecs(agents: AgentEndpoint, directory: ContainerDirectory): AgentExecs {
  return new AgentExecs({
    backend: "ecs",
    listener: agents.listener,
    find: async (ref) => {
      const c = await directory.get(ref);
      const running = isRunning(c);
      if (running) checkAgentDialsHere(agents, c);
      return { id: c.id, running, workload: `task ${c.task?.taskArn ?? c.id}` };
    },
  });
}

/**
 * Fails at once, saying why, when a running task's agent was told to dial somewhere else (a
 * daemon restarted on another port) or nowhere, instead of waiting for an agent that cannot come.
 */
export function checkAgentDialsHere(agents: AgentEndpoint, c: EcsContainer): void {
  const told = c.environment?.[AGENT_ENV.callbackUrl];
  const here = agents.callbackUrl(c.id);
  if (told === here) return;
  throw new Error(
    told
      ? `ecs backend: the agent of task ${c.task?.taskArn} dials ${told}, but this daemon listens ` +
        `at ${here}; set SOCKERLESS_ECS_AGENT_PORT to keep the port across daemon restarts`
      : `ecs backend: task ${c.task?.taskArn} was started without ${AGENT_ENV.callbackUrl}, so ` +
        "its agent cannot reach this daemon; start the container again",
  );
}
