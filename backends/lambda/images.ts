/**
 * Images on Lambda: the function names the image and Lambda pulls it when it creates the
 * function, so `docker pull` records the reference and says plainly that nothing was downloaded
 * here. The image calls that would need a registry view (list, inspect, tag, rm…) answer 501.
 *
 * @module
 */
import { pullNotice } from "../core/cloud/mod.ts";
import type { ProgressMessage } from "../core/registry/mod.ts";

export function pullImage(name: string, platform?: string): ReadableStream<ProgressMessage> {
  return pullNotice(name, (ref) => [
    `lambda backend: ${ref} is not pulled here: CreateFunction names it and Lambda ` +
    "pulls it (the AWS simulator runs its built-in root filesystem for every image)" +
    (platform ? `; platform ${platform} is up to the function's architecture` : ""),
    `Status: recorded ${ref} for Lambda functions (nothing downloaded)`,
  ]);
}
