/**
 * What `docker info` says of the ecs backend (the system calls themselves are
 * backends/core/cloud/system.ts): the cluster, region and endpoint its tasks run in.
 *
 * @module
 */
import type { CloudAbout } from "../core/cloud/mod.ts";
import { type AwsAccess, CLUSTER } from "./cloud.ts";

export function ecsAbout(access: AwsAccess): CloudAbout {
  return {
    backend: "ecs",
    description: `ecs backend: each container is an ECS Fargate task in cluster ${CLUSTER} ` +
      `(${access.region}, ${access.endpoint ?? "AWS"})`,
    driverStatus: [
      ["Backend", "ecs"],
      ["Cluster", CLUSTER],
      ["Region", access.region],
      ["Endpoint", access.endpoint ?? "AWS"],
    ],
    pullWarning: "WARNING: the ecs backend does not pull images: the task definition names the " +
      "image and ECS pulls it (the AWS simulator runs its built-in root filesystem for every image)",
  };
}
