/**
 * What `docker info` says of the lambda backend (the system calls themselves are
 * backends/core/cloud/system.ts): the region and endpoint its functions run in, and where their
 * agents dial back to.
 *
 * @module
 */
import type { AwsAccess, CloudAbout } from "../core/cloud/mod.ts";

export function lambdaAbout(access: AwsAccess, agentUrl: string): CloudAbout {
  return {
    backend: "lambda",
    description: `lambda backend: each container is an image-package Lambda function ` +
      `(${access.region}, ${access.endpoint ?? "AWS"}); exec through agents dialling ${agentUrl}`,
    driverStatus: [
      ["Backend", "lambda"],
      ["Region", access.region],
      ["Endpoint", access.endpoint ?? "AWS"],
      ["Agent callback", agentUrl],
    ],
    pullWarning: "WARNING: the lambda backend does not pull images: the function names the " +
      "image and Lambda pulls it (the AWS simulator runs its built-in root filesystem for every " +
      "image)",
  };
}
