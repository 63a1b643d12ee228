/**
 * Images on ECS: the task definition names the image and ECS pulls it when the task starts, so
 * `docker pull` records the reference and says plainly that nothing was downloaded here. The
 * image calls that would need a registry view (list, inspect, tag, rm…) answer 501.
 *
 * @module
 */
import { pullNotice } from "../core/cloud/mod.ts";
import type { ProgressMessage } from "../core/registry/mod.ts";

export function pullImage(name: string, platform?: string): ReadableStream<ProgressMessage> {
  return pullNotice(name, (ref) => [
    `ecs backend: ${ref} is not pulled here: task definitions name it and ECS pulls ` +
    "it when a task starts (the AWS simulator runs its built-in root filesystem for every " +
    `image)${platform ? `; platform ${platform} is up to the task` : ""}`,
    `Status: recorded ${ref} for ECS task definitions (nothing downloaded)`,
  ]);
}
