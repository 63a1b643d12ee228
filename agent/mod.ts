/**
 * The workload agent: the program inside each cloud workload that starts the user's command and
 * carries exec, attach, stdin, signals, resize and exit codes to its backend over a WebSocket
 * authenticated by a per-container secret; plus the backend's listener for those connections and
 * the agent's Lambda Runtime API mode.
 *
 * @module
 */
export { type AgentOptions, runAgent } from "./agent.ts";
export { type AgentChannel, dialBackend, socketChannel } from "./channel.ts";
export { AgentConnection, AgentListener, type AgentSession } from "./listener.ts";
export { type LambdaRuntimeOptions, runLambdaRuntime } from "./lambda_runtime.ts";
export { InvocationSessions, SPLIT_ENV } from "./lambda_sessions.ts";
export {
  type AgentProcess,
  hostLauncher,
  type ProcessLauncher,
  type ProcessSpec,
} from "./process.ts";
export {
  type AgentFrame,
  type BackendFrame,
  decodeAgentFrame,
  decodeBackendFrame,
  MAIN_SESSION,
  ProtocolError,
  REPLAY_ENV,
} from "./protocol.ts";
