/**
 * ECS ExecuteCommand and the stream it opens. Real ECS answers with an SSM Session Manager
 * stream URL (a binary protocol); this simulator answers with
 * `ws://{simulator}/ecs-exec/{sessionId}` and speaks the agent's JSON frame protocol on it
 * (see agent/protocol.ts), authenticated by the session's `tokenValue` as a Bearer token.
 * The command runs in the task's container as `/bin/sh -c <command>`, so pipes and quoting
 * work as a shell gives them.
 *
 * @module
 */
import type { AwsContext, World } from "../context.ts";
import { invalidParameter } from "../wire/errors.ts";
import { optionalString, requiredString } from "../wire/input.ts";
import { findTask, requireCluster } from "./names.ts";
import {
  type BackendFrame,
  decodeBackendFrame,
  decodeBytes,
  encodeBytes,
} from "../../../agent/protocol.ts";

/** An ExecuteCommand session waiting for (or serving) its stream. */
export interface ExecSession {
  taskArn: string;
  containerName: string;
  command: string;
  token: string;
  /** Sessions must be opened within this many ms of ExecuteCommand, as SSM's tokens expire. */
  expiresAt: number;
  opened: boolean;
}

const SESSION_TTL_MS = 60_000;

export function executeCommand(input: Record<string, unknown>, ctx: AwsContext) {
  const cluster = requireCluster(ctx, optionalString(input, "cluster"));
  const task = findTask(ctx, cluster, requiredString(input, "task"));
  if (!task) throw invalidParameter("The specified task is not found.");
  const command = requiredString(input, "command");
  if (input.interactive !== true) {
    throw invalidParameter("Interactive is the only mode supported currently.");
  }
  const containerName = optionalString(input, "container") ??
    (task.containers.length === 1 ? task.containers[0].name : undefined);
  if (!containerName) {
    throw invalidParameter(
      "The container name must be specified for a task with more than one container.",
    );
  }
  const container = task.containers.find((c) => c.name === containerName);
  if (!container) throw invalidParameter(`The container ${containerName} is not in the task.`);
  const running = task.lastStatus === "RUNNING" && container.lastStatus === "RUNNING" &&
    ctx.world.liveTasks.workload(task.taskArn, containerName) !== undefined;
  if (!task.enableExecuteCommand || !running) {
    throw invalidParameter(
      "The execute command failed because execute command was not enabled when the task was run " +
        "or the execute command agent isn't running. Wait and try the request again or run a new " +
        "task with execute command enabled and try again.",
    );
  }
  const sessionId = `ecs-execute-command-${crypto.randomUUID().replaceAll("-", "").slice(0, 17)}`;
  const token = encodeBytes(crypto.getRandomValues(new Uint8Array(24)));
  ctx.world.execSessions.set(sessionId, {
    taskArn: task.taskArn,
    containerName,
    command,
    token,
    expiresAt: Date.now() + SESSION_TTL_MS,
    opened: false,
  });
  const wsBase = ctx.world.endpoint.replace(/^http/, "ws");
  return {
    clusterArn: cluster.clusterArn,
    containerArn: container.containerArn,
    containerName,
    interactive: true,
    taskArn: task.taskArn,
    session: { sessionId, streamUrl: `${wsBase}/ecs-exec/${sessionId}`, tokenValue: token },
  };
}

/** Serves `GET /ecs-exec/{sessionId}` as a WebSocket bridged to a process in the container. */
export function serveExecStream(req: Request, world: World, sessionId: string): Response {
  const session = world.execSessions.get(sessionId);
  const token = req.headers.get("authorization")?.replace(/^Bearer /, "") ??
    new URL(req.url).searchParams.get("token");
  if (!session || session.token !== token || session.opened || Date.now() > session.expiresAt) {
    return Response.json({
      message: "The exec session does not exist, has expired or was already used.",
    }, {
      status: 403,
    });
  }
  if (req.headers.get("upgrade")?.toLowerCase() !== "websocket") {
    return Response.json({ message: "The exec stream is a WebSocket." }, { status: 400 });
  }
  session.opened = true;
  world.execSessions.delete(sessionId);
  const workload = world.liveTasks.workload(session.taskArn, session.containerName);
  const { socket, response } = Deno.upgradeWebSocket(req);
  const send = (frame: unknown) => {
    if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
  };
  socket.onopen = async () => {
    if (!workload) {
      send({ type: "error", id: sessionId, message: "The task's container is no longer running." });
      socket.close(1011, "container stopped");
      return;
    }
    try {
      const process = await workload.exec({
        argv: ["/bin/sh", "-c", session.command],
        env: {},
        interactive: true,
      });
      const stdin = process.stdin.getWriter();
      socket.onmessage = async (e) => {
        let frame: BackendFrame;
        try {
          frame = decodeBackendFrame(String(e.data));
        } catch (err) {
          send({ type: "error", id: sessionId, message: (err as Error).message });
          return;
        }
        if (frame.type === "stdin") await stdin.write(decodeBytes(frame.data)).catch(() => {});
        else if (frame.type === "close_stdin") await stdin.close().catch(() => {});
        else if (frame.type === "signal") process.kill(frame.signal);
        else if (frame.type !== "resize") {
          send({
            type: "error",
            id: sessionId,
            message: `${frame.type} is not valid on an exec stream`,
          });
        }
      };
      socket.onclose = () => process.kill("SIGHUP");
      const pump = async (stream: ReadableStream<Uint8Array>, type: "stdout" | "stderr") => {
        for await (const chunk of stream) send({ type, id: sessionId, data: encodeBytes(chunk) });
      };
      await Promise.all([pump(process.stdout, "stdout"), pump(process.stderr, "stderr")]);
      send({ type: "exit", id: sessionId, code: await process.exited });
      socket.close(1000, "exited");
    } catch (err) {
      send({ type: "error", id: sessionId, message: (err as Error).message });
      socket.close(1011, "exec failed");
    }
  };
  return response;
}
