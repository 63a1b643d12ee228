/**
 * The agent's wire protocol: JSON text frames on one WebSocket, sessions multiplexed by `id`
 * (the shape the Go original's agent used: `{type, id, cmd, env, workdir, tty, data, signal,
 * code, message, width, height}`), with bytes as base64 in `data`.
 *
 * Backend → agent: `exec` (start a process), `attach` (join the main process), `stdin`,
 * `close_stdin`, `signal`, `resize`. Agent → backend: `hello` (once, naming the container),
 * `stdout`, `stderr`, `exit` (with the code), `error` (a session could not do what was asked).
 *
 * @module
 */

/**
 * In the main command's environment: the agent keeps the main output from the start for the
 * first attach that asks for it (`fromStart`), and does not end before one came or this many
 * milliseconds passed after the main process exited; after the exit it waits (as long again) for
 * the backend to close that attach's stdin, its acknowledgement that the output arrived. A backend sets it when a client is
 * attached before start (`docker run`), so output written before the agent connected is not lost.
 */
export const REPLAY_ENV = "SOCKERLESS_AGENT_REPLAY_MS";

/** The id under which the workload's main process can be attached to and signalled. */
export const MAIN_SESSION = "main";

export type BackendFrame =
  | {
    type: "exec";
    id: string;
    cmd: string[];
    env?: Record<string, string>;
    workdir?: string;
    tty?: boolean;
  }
  /**
   * `fromStart`: first everything the main process wrote since it started, when the agent keeps
   * that for an attach (REPLAY_ENV in the main command's environment), then live output.
   */
  /**
   * `invocation`: on a Lambda instance (which has no main process), the invocation with that
   * request id, from its start (agent/lambda_sessions.ts).
   */
  | { type: "attach"; id: string; fromStart?: boolean; invocation?: string }
  | { type: "stdin"; id: string; data: string }
  | { type: "close_stdin"; id: string }
  | { type: "signal"; id: string; signal: string }
  | { type: "resize"; id: string; width: number; height: number };

export type AgentFrame =
  | { type: "hello"; containerId: string }
  | { type: "stdout"; id: string; data: string }
  | { type: "stderr"; id: string; data: string }
  | { type: "exit"; id: string; code: number }
  | { type: "error"; id: string; message: string };

/** A frame that does not follow the protocol. */
export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProtocolError";
  }
}

export function encodeBytes(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export function decodeBytes(data: string): Uint8Array<ArrayBuffer> {
  let binary: string;
  try {
    binary = atob(data);
  } catch {
    throw new ProtocolError("data is not base64");
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

function _object(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ProtocolError("frame is not JSON");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ProtocolError("frame is not a JSON object");
  }
  const frame = value as Record<string, unknown>;
  if (typeof frame.type !== "string") throw new ProtocolError("frame has no type");
  if (frame.type !== "hello" && (typeof frame.id !== "string" || frame.id === "")) {
    throw new ProtocolError(`${frame.type} frame has no session id`);
  }
  return frame;
}

function _need(frame: Record<string, unknown>, field: string, kind: "string" | "number"): void {
  const actual = typeof frame[field];
  if (actual !== kind) {
    throw new ProtocolError(`${frame.type} frame needs ${kind} ${field}`);
  }
}

/** Parses and checks a frame the backend sent. */
export function decodeBackendFrame(text: string): BackendFrame {
  const f = _object(text);
  switch (f.type) {
    case "exec":
      if (!Array.isArray(f.cmd) || f.cmd.length === 0 || f.cmd.some((a) => typeof a !== "string")) {
        throw new ProtocolError("exec frame needs a non-empty cmd of strings");
      }
      break;
    case "attach":
    case "close_stdin":
      break;
    case "stdin":
      _need(f, "data", "string");
      break;
    case "signal":
      _need(f, "signal", "string");
      break;
    case "resize":
      _need(f, "width", "number");
      _need(f, "height", "number");
      break;
    default:
      throw new ProtocolError(`unknown frame type ${f.type}`);
  }
  return f as BackendFrame;
}

/** Parses and checks a frame the agent sent. */
export function decodeAgentFrame(text: string): AgentFrame {
  const f = _object(text);
  switch (f.type) {
    case "hello":
      _need(f, "containerId", "string");
      break;
    case "stdout":
    case "stderr":
      _need(f, "data", "string");
      break;
    case "exit":
      _need(f, "code", "number");
      break;
    case "error":
      _need(f, "message", "string");
      break;
    default:
      throw new ProtocolError(`unknown frame type ${f.type}`);
  }
  return f as AgentFrame;
}
