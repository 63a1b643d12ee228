/**
 * The backend's end of the agent protocol: it hands out a secret per container, accepts the
 * agent's WebSocket only with that secret (anything else is refused with 401 before upgrading),
 * and turns the connection into exec and attach sessions with Web Streams.
 *
 * @module
 */
import {
  type AgentFrame,
  type BackendFrame,
  decodeAgentFrame,
  decodeBytes,
  encodeBytes,
  ProtocolError,
} from "./protocol.ts";

/** One exec or attach session, as the backend drives it. */
export interface AgentSession {
  id: string;
  stdin: WritableStream<Uint8Array>;
  stdout: ReadableStream<Uint8Array>;
  stderr: ReadableStream<Uint8Array>;
  /** The exit status; rejects when the agent reports an error or the connection drops first. */
  exited: Promise<number>;
  signal(name: string): void;
  resize(width: number, height: number): void;
}

interface SessionSink {
  stdout: ReadableStreamDefaultController<Uint8Array>;
  stderr: ReadableStreamDefaultController<Uint8Array>;
  exit(code: number): void;
  fail(error: Error): void;
}

/** A connected agent. */
export class AgentConnection {
  #sinks = new Map<string, SessionSink>();
  #next = 0;
  readonly closed: Promise<void>;

  constructor(readonly containerId: string, private readonly socket: WebSocket) {
    let resolveClosed!: () => void;
    this.closed = new Promise((r) => resolveClosed = r);
    socket.addEventListener("message", (e) => {
      let frame: AgentFrame;
      try {
        frame = decodeAgentFrame(String(e.data));
      } catch (err) {
        if (err instanceof ProtocolError) return socket.close(1002, err.message);
        throw err;
      }
      if (frame.type === "hello") return;
      const sink = this.#sinks.get(frame.id);
      if (!sink) return;
      if (frame.type === "stdout") _push(sink.stdout, decodeBytes(frame.data));
      else if (frame.type === "stderr") _push(sink.stderr, decodeBytes(frame.data));
      else if (frame.type === "exit") sink.exit(frame.code);
      else sink.fail(new Error(`agent: ${frame.message}`));
    });
    socket.addEventListener("close", () => {
      for (const sink of this.#sinks.values()) {
        sink.fail(new Error(`agent for container ${containerId} disconnected`));
      }
      resolveClosed();
    });
  }

  #send(frame: BackendFrame): void {
    if (this.socket.readyState !== WebSocket.OPEN) {
      throw new Error(`agent for container ${this.containerId} is not connected`);
    }
    this.socket.send(JSON.stringify(frame));
  }

  #session(id: string): AgentSession {
    let stdoutCtl!: ReadableStreamDefaultController<Uint8Array>;
    let stderrCtl!: ReadableStreamDefaultController<Uint8Array>;
    const stdout = new ReadableStream<Uint8Array>({ start: (c) => void (stdoutCtl = c) });
    const stderr = new ReadableStream<Uint8Array>({ start: (c) => void (stderrCtl = c) });
    const exited = new Promise<number>((resolve, reject) => {
      const end = () => {
        this.#sinks.delete(id);
        for (const c of [stdoutCtl, stderrCtl]) {
          try {
            c.close();
          } catch {
            // already closed by the reader cancelling
          }
        }
      };
      this.#sinks.set(id, {
        stdout: stdoutCtl,
        stderr: stderrCtl,
        exit: (code) => {
          end();
          resolve(code);
        },
        fail: (error) => {
          end();
          reject(error);
        },
      });
    });
    const stdin = new WritableStream<Uint8Array>({
      write: (chunk) => this.#send({ type: "stdin", id, data: encodeBytes(chunk) }),
      close: () => this.#send({ type: "close_stdin", id }),
    });
    return {
      id,
      stdin,
      stdout,
      stderr,
      exited,
      signal: (name) => this.#send({ type: "signal", id, signal: name }),
      resize: (width, height) => this.#send({ type: "resize", id, width, height }),
    };
  }

  /** Starts a process in the container. */
  exec(
    spec: { cmd: string[]; env?: Record<string, string>; workdir?: string; tty?: boolean },
  ): AgentSession {
    const id = `exec-${++this.#next}`;
    const session = this.#session(id);
    this.#send({ type: "exec", id, ...spec });
    return session;
  }

  /**
   * Joins the main process: its output from now on (or, `fromStart`, all of it when the agent
   * kept it: see REPLAY_ENV), stdin into it, its exit status. On a Lambda instance, `invocation`
   * (a request id) names the invocation to join from its start instead.
   */
  attach(options: { fromStart?: boolean; invocation?: string } = {}): AgentSession {
    const id = `attach-${++this.#next}`;
    const session = this.#session(id);
    this.#send({
      type: "attach",
      id,
      ...(options.fromStart ? { fromStart: true } : {}),
      ...(options.invocation ? { invocation: options.invocation } : {}),
    });
    return session;
  }

  close(): void {
    this.socket.close(1000, "backend closed");
  }
}

/** Accepts agents and finds them by container id. */
export class AgentListener {
  #secrets = new Map<string, string>();
  #connections = new Map<string, AgentConnection>();
  #waiters = new Map<string, ((c: AgentConnection) => void)[]>();

  /**
   * Creates the secret a container's agent must present (give it to the workload only), or
   * re-registers a known one, as a backend does after a restart.
   */
  register(containerId: string, known?: string): string {
    const bytes = crypto.getRandomValues(new Uint8Array(32));
    const secret = known ?? Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
    this.#secrets.set(containerId, secret);
    return secret;
  }

  /** Forgets a container: its secret stops working and its connection is closed. */
  unregister(containerId: string): void {
    this.#secrets.delete(containerId);
    this.#connections.get(containerId)?.close();
    this.#connections.delete(containerId);
  }

  /**
   * Serves an agent's connection request: `GET …?container=<id>` with `Authorization: Bearer <secret>`.
   * A wrong or missing secret is refused before the upgrade.
   */
  handle(req: Request): Response {
    const containerId = new URL(req.url).searchParams.get("container") ?? "";
    const presented = req.headers.get("authorization")?.replace(/^Bearer /, "") ?? "";
    const expected = this.#secrets.get(containerId);
    if (!expected || !_equal(expected, presented)) {
      return Response.json({ message: "agent authentication failed" }, { status: 401 });
    }
    if (req.headers.get("upgrade")?.toLowerCase() !== "websocket") {
      return Response.json({ message: "the agent endpoint is a WebSocket" }, { status: 400 });
    }
    const { socket, response } = Deno.upgradeWebSocket(req);
    socket.addEventListener("open", () => {
      this.#connections.get(containerId)?.close();
      const connection = new AgentConnection(containerId, socket);
      this.#connections.set(containerId, connection);
      void connection.closed.then(() => {
        if (this.#connections.get(containerId) === connection) {
          this.#connections.delete(containerId);
        }
      });
      for (const wake of this.#waiters.get(containerId) ?? []) wake(connection);
      this.#waiters.delete(containerId);
    });
    return response;
  }

  /** Resolves once the container's agent has connected; rejects when `signal` aborts first. */
  waitFor(containerId: string, signal?: AbortSignal): Promise<AgentConnection> {
    const existing = this.#connections.get(containerId);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      signal?.throwIfAborted();
      const wake = (c: AgentConnection) => resolve(c);
      const list = this.#waiters.get(containerId) ?? [];
      list.push(wake);
      this.#waiters.set(containerId, list);
      signal?.addEventListener("abort", () => {
        const left = (this.#waiters.get(containerId) ?? []).filter((w) => w !== wake);
        this.#waiters.set(containerId, left);
        reject(new Error(`agent for container ${containerId} did not connect: ${signal.reason}`));
      }, { once: true });
    });
  }
}

/**
 * Output for a session whose reader went away (it cancelled the stream) is dropped: a throw here
 * would escape the socket's message handler, and the agent's later frames still need reading.
 */
function _push(stream: ReadableStreamDefaultController<Uint8Array>, data: Uint8Array): void {
  try {
    stream.enqueue(data);
  } catch {
    // closed or cancelled: nobody reads this stream any more
  }
}

function _equal(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
