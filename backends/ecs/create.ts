/**
 * `docker create` on ECS: RegisterTaskDefinition, tagged with the container's identity and
 * carrying its create body and agent enrolment, so the cloud holds a created container as it
 * holds a started one: a daemon restarted before the start finds it by a tag scan
 * (backends/ecs/directory.ts), and start runs that same definition.
 *
 * @module
 */
import { type ContainerDefinition, RegisterTaskDefinitionCommand } from "@aws-sdk/client-ecs";
import { checkCommand, checkCreateBody, containerEvent, freeName } from "../core/cloud/mod.ts";
import type { ContainerCreateBody } from "../core/container_types.ts";
import { newId } from "../core/names.ts";
import { CONTAINER, LOG_GROUP, LOG_PREFIX } from "./cloud.ts";
import { ecsHealthCheck } from "./health.ts";
import { CREATE_BODY_LABEL, type EcsContainer } from "./directory.ts";
import type { EcsBackendState } from "./state.ts";
import { base64Of, STDIN_ENTRYPOINT } from "./stdin_capture.ts";
import { identityTags } from "./tags.ts";

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
  ecsHealthCheck(body); // refuses at create what ECS could not check as asked
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
  const agentEnv = state.agents.enrol(container.id);
  container.definitionArn = await registerDefinition(state, container, agentEnv);
  container.environment = agentEnv;
  // The same object for start and attach in this process (an attach waits on `launched`).
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
  const healthCheck = ecsHealthCheck(b);
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
    ...(healthCheck ? { healthCheck } : {}),
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

/** Registers the container's task definition, tagged with its identity; returns its ARN. */
export async function registerDefinition(
  state: EcsBackendState,
  c: EcsContainer,
  agentEnv: Record<string, string>,
  stdin?: Uint8Array,
): Promise<string> {
  const body = c.body;
  const cpu = body.HostConfig?.NanoCpus
    ? Math.max(256, body.HostConfig.NanoCpus / 1e9 * 1024)
    : 256;
  const memory = body.HostConfig?.Memory ? Math.max(512, body.HostConfig.Memory / 2 ** 20) : 512;
  const registered = await state.cloud.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: familyOf(c),
      requiresCompatibilities: ["FARGATE"],
      networkMode: "awsvpc",
      cpu: String(Math.round(cpu)),
      memory: String(Math.round(memory)),
      containerDefinitions: [containerDefinition(c, state.cloud.access.region, agentEnv, stdin)],
      tags: identityTags(c),
    }),
  );
  return registered.taskDefinition!.taskDefinitionArn!;
}

/** Every revision of a container's task definitions is in this family, and only they are. */
export function familyOf(c: { id: string }): string {
  return `sockerless-${c.id.slice(0, 12)}`;
}
