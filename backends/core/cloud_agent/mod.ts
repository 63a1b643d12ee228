/**
 * What cloud backends share for workloads that run the sockerless agent: the loopback endpoint
 * the agents dial back to, and `docker exec` as sessions on those connections.
 *
 * @module
 */
export { AGENT_ENV, AGENT_PATH, type AgentEndpoint, openAgentEndpoint } from "./agent_endpoint.ts";
export {
  type AgentExec,
  AgentExecs,
  type AgentExecsOptions,
  type ExecTarget,
} from "./agent_execs.ts";
export { type AgentWait, connectedAgent } from "./connected_agent.ts";
export { agentAttach } from "./agent_attach.ts";
export { sessionOutput } from "./session_output.ts";
