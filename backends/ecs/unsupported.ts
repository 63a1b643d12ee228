/**
 * Why ECS cannot honour the Docker calls the ecs handlers leave out: each family of calls
 * answers 501 with these words (see backends/core/cloud/unsupported.ts for the table).
 *
 * @module
 */
import type { ServerlessLimits } from "../core/cloud/mod.ts";

const NO_FS = "ECS gives no access to a task's filesystem";

export const ECS_LIMITS: ServerlessLimits = {
  filesystem: NO_FS,
  imageStore: "the ecs backend keeps no image store (ECS pulls images itself)",
  imageBuild: "ECS runs images; it does not build, commit or load them",
  networks: "docker networks are not mapped onto ECS (no security groups or Cloud Map)",
  volumes: "docker volumes are not mapped onto ECS (no EFS access points)",
  restart: "restart is not mapped onto ECS tasks yet (stop, then start)",
  rename: "renaming would have to retag every task; not done",
  top: "ECS reports no process table for a task",
  stats: "ECS stats come from Container Insights, which is not read",
  pause: "Fargate tasks cannot be paused",
  update: "a running task's resources cannot be changed",
  resize: "Fargate tasks have no TTY",
  execResize: "exec sessions through the task's agent have no TTY",
  prune: "prune is not implemented for ECS tasks",
  login: "registry logins are ECS's (task execution role), not the daemon's",
};
