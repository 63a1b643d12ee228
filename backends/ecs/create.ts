/**
 * `docker create` on ECS: the container is only recorded locally until it starts (the
 * create→start gap), because a task definition without a task would be a resource nobody runs.
 * At start its task definition carries the create body so any later scan can render it.
 *
 * @module
 */
import type { ContainerDefinition } from "@aws-sdk/client-ecs";
import { checkCommand, checkCreateBody, containerEvent, freeName } from "../core/cloud/mod.ts";
import type { ContainerCreateBody } from "../core/container_types.ts";
import { newId } from "../core/names.ts";
import { CONTAINER, LOG_GROUP, LOG_PREFIX } from "./cloud.ts";
import { CREATE_BODY_LABEL, type EcsContainer } from "./directory.ts";
import type { EcsBackendState } from "./state.ts";
import { base64Of, STDIN_ENTRYPOINT } from "./stdin_capture.ts";

/** Docker's default grace before SIGKILL; ECS's own default (30 s) would slow every stop. */
const DEFAULT_STOP_TIMEOUT = 10;

export async function createContainer(
  state: EcsBackendState,
  request: { name?: string; body: ContainerCreateBody },
): Promise<{ Id: string; Warnings: string[] }> {
  const body = request.body;
  checkCreateBody(body, {
    backend: "ecs",
    mounts: "host bind mounts and volumes are not available to Fargate tasks",
    tty: "Fargate tasks have no TTY (docker run -t)",
    restart: "ECS does not run a stopped standalone task again, and the backend keeps no " +
      "process of its own to do it",
    ports: "a Fargate task has its own network interface address; there is no host port to map",
  });
  checkCommand("ecs", body);
  const name = await freeName(state.directory, request.name);
  const container: EcsContainer = {
    id: newId(),
    name,
    created: Date.now(),
    image: body.Image!,
    autoRemove: body.HostConfig?.AutoRemove === true,
    body,
    taskArns: [],
  };
  state.directory.pending.set(container.id, container);
  containerEvent(state, container, "create");
  return { Id: container.id, Warnings: [] };
}

/**
 * The one-container task definition that runs `c`. Its environment carries, after the
 * container's own, where the agent dials back and the secret it shows: the image's entrypoint
 * must be the sockerless agent (`agent -- <command>`) for exec to reach the task (the AWS
 * simulator stands the agent in for any image whose task names a callback URL).
 */
export function containerDefinition(
  c: EcsContainer,
  region: string,
  /** SOCKERLESS_CALLBACK_URL, SOCKERLESS_AGENT_SECRET and SOCKERLESS_CONTAINER_ID. */
  agentEnv: Record<string, string>,
  /** Stdin an attach sent before start, baked into the command (Fargate has no stdin). */
  stdin?: Uint8Array,
): ContainerDefinition {
  const b = c.body;
  const own = (b.Env ?? []).map((pair) => {
    const at = pair.indexOf("=");
    return at < 0
      ? { name: pair, value: "" }
      : { name: pair.slice(0, at), value: pair.slice(at + 1) };
  });
  const env = [
    ...own.filter((kv) => !(kv.name in agentEnv)),
    ...Object.entries(agentEnv).map(([name, value]) => ({ name, value })),
  ];
  const command = stdin
    ? {
      entryPoint: STDIN_ENTRYPOINT,
      command: [...(b.Entrypoint ?? []), ...(b.Cmd ?? [])],
    }
    : {
      ...(b.Entrypoint?.length ? { entryPoint: b.Entrypoint } : {}),
      ...(b.Cmd?.length ? { command: b.Cmd } : {}),
    };
  if (stdin) env.push({ name: "SOCKERLESS_STDIN", value: base64Of(stdin) });
  return {
    name: CONTAINER,
    image: c.image,
    essential: true,
    ...command,
    environment: env,
    ...(b.WorkingDir ? { workingDirectory: b.WorkingDir } : {}),
    ...(b.User ? { user: b.User } : {}),
    // `-i` keeps the command's stdin open for attaches through the agent (baked stdin has none).
    ...(b.OpenStdin && !stdin ? { interactive: true } : {}),
    stopTimeout: b.StopTimeout ?? DEFAULT_STOP_TIMEOUT,
    dockerLabels: { ...(b.Labels ?? {}), [CREATE_BODY_LABEL]: JSON.stringify(b) },
    logConfiguration: {
      logDriver: "awslogs",
      options: {
        "awslogs-group": LOG_GROUP,
        "awslogs-region": region,
        "awslogs-stream-prefix": LOG_PREFIX,
        "awslogs-create-group": "true",
      },
    },
  };
}

export function familyOf(c: EcsContainer): string {
  return `sockerless-${c.id.slice(0, 12)}`;
}
