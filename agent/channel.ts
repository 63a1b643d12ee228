/**
 * The agent's connection to its backend: a WebSocket the agent dials, authenticated by the
 * per-container secret as `Authorization: Bearer <secret>`, carrying JSON frames.
 *
 * @module
 */
import {
  type AgentFrame,
  type BackendFrame,
  decodeBackendFrame,
  ProtocolError,
} from "./protocol.ts";

/** A frame pipe to the backend. `frames` ends when the connection closes. */
export interface AgentChannel {
  send(frame: AgentFrame): void;
  frames: ReadableStream<BackendFrame>;
  close(): void;
}

/** Wraps an open WebSocket as a channel; malformed backend frames are answered with an error frame. */
export function socketChannel(socket: WebSocket): AgentChannel {
  const frames = new ReadableStream<BackendFrame>({
    start(controller) {
      socket.addEventListener("message", (e) => {
        try {
          controller.enqueue(decodeBackendFrame(String(e.data)));
        } catch (err) {
          if (!(err instanceof ProtocolError)) throw err;
          socket.send(JSON.stringify({ type: "error", id: "", message: err.message }));
        }
      });
      socket.addEventListener("close", () => {
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
    },
  });
  return {
    frames,
    send(frame) {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
    },
    close() {
      socket.close(1000, "agent done");
    },
  };
}

/** Dials the backend; rejects, naming the URL, when the backend refuses the secret or is unreachable. */
export function dialBackend(
  url: string,
  secret: string,
  signal?: AbortSignal,
): Promise<AgentChannel> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers: { authorization: `Bearer ${secret}` } });
    const onAbort = () => {
      socket.close();
      reject(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    socket.addEventListener("open", () => {
      signal?.removeEventListener("abort", onAbort);
      resolve(socketChannel(socket));
    }, { once: true });
    socket.addEventListener("error", (e) => {
      signal?.removeEventListener("abort", onAbort);
      reject(
        new Error(`agent: cannot connect to ${url}: ${(e as ErrorEvent).message ?? "refused"}`),
      );
    }, { once: true });
  });
}

/**
 * A channel over a MessagePort carrying the same JSON text frames, for an agent that runs in a
 * Worker without network permission (the AWS simulator's sandbox); the host bridges the port.
 */
export function portChannel(port: MessagePort): AgentChannel {
  let controller!: ReadableStreamDefaultController<BackendFrame>;
  const end = () => {
    port.onmessage = null;
    try {
      controller.close();
    } catch {
      // already closed
    }
  };
  const frames = new ReadableStream<BackendFrame>({
    start(c) {
      controller = c;
      port.onmessage = (e) => {
        if (e.data === null) return end();
        try {
          controller.enqueue(decodeBackendFrame(String(e.data)));
        } catch (err) {
          if (!(err instanceof ProtocolError)) throw err;
          port.postMessage(JSON.stringify({ type: "error", id: "", message: err.message }));
        }
      };
    },
  });
  return {
    frames,
    send: (frame) => port.postMessage(JSON.stringify(frame)),
    // A null message tells the other side the agent is done; ports have no close event.
    close: () => {
      port.postMessage(null);
      end();
    },
  };
}
