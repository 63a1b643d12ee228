/**
 * Why Lambda cannot honour the Docker calls the lambda handlers leave out: each family of calls
 * answers 501 with these words (see backends/core/cloud/unsupported.ts for the table).
 *
 * @module
 */
import type { ServerlessLimits } from "../core/cloud/mod.ts";

export const LAMBDA_LIMITS: ServerlessLimits = {
  filesystem: "Lambda gives no access to a function instance's filesystem",
  imageStore: "the lambda backend keeps no image store (Lambda pulls images itself)",
  imageBuild: "Lambda runs images; it does not build, commit or load them",
  networks: "docker networks are not mapped onto Lambda (no VPC configuration)",
  volumes: "docker volumes are not mapped onto Lambda (no EFS file system configs)",
  restart: "restart is not mapped onto Lambda yet (stop, then start)",
  rename: "renaming would have to retag the function; not done",
  top: "Lambda reports no process table for an instance",
  stats: "Lambda reports metrics to CloudWatch per invocation, not per container; not read",
  pause: "a Lambda invocation cannot be paused",
  update: "a running invocation's resources cannot be changed",
  resize: "Lambda functions have no TTY",
  execResize: "Lambda exec sessions have no TTY",
  prune: "prune is not implemented for Lambda functions",
  login: "registry logins are Lambda's (its ECR access), not the daemon's",
};
