/**
 * Where the simulator pulls an image a task or function names from. Its own ECR registry is
 * named two ways: by ECR's host (`<account>.dkr.ecr.<region>.amazonaws.com/repo`, as
 * DescribeRepositories reports `repositoryUri`) and by the simulator's own `host:port` (where
 * clients really push); both are pulled from the simulator's endpoint with an ECR token for the
 * region, as a task execution role would. Any other domain is an ordinary registry.
 *
 * @module
 */
import {
  formatReference,
  type ImageReference,
  parseReference,
  withDefaultTag,
} from "../../../backends/core/images/mod.ts";

/** One image reference, ready to pull. */
export interface PullTarget {
  /** The fully qualified reference as ECS reports it: `docker.io/library/busybox:latest`. */
  qualified: string;
  /** The name to pull: the reference with ECR's host replaced by the simulator's endpoint. */
  pullName: string;
  /** The region of the simulator's ECR registry named, when it is one. */
  ecrRegion?: string;
  /** A Docker Hub name (`busybox`, `docker.io/x/y`): the only kind that may fall back. */
  dockerHub: boolean;
}

const ECR_HOST = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com$/;

/**
 * Classifies `image` for a simulator serving ECR at `endpointHost` (`127.0.0.1:4566`) for
 * `accountId`; requests to that host without an ECR host name use `defaultRegion`'s registry.
 * Throws InvalidParameter for a malformed reference.
 */
export function pullTarget(
  image: string,
  options: { endpointHost: string; accountId: string; defaultRegion: string },
): PullTarget {
  const reference = withDefaultTag(parseReference(image));
  const qualified = formatReference(reference);
  const ecr = ECR_HOST.exec(reference.domain);
  if (ecr && ecr[1] === options.accountId) {
    const local: ImageReference = { ...reference, domain: options.endpointHost };
    return { qualified, pullName: formatReference(local), ecrRegion: ecr[2], dockerHub: false };
  }
  const own = _sameHost(reference.domain, options.endpointHost);
  return {
    qualified,
    pullName: own ? formatReference({ ...reference, domain: options.endpointHost }) : qualified,
    ...(own ? { ecrRegion: options.defaultRegion } : {}),
    dockerHub: reference.domain === "docker.io",
  };
}

function _sameHost(domain: string, endpointHost: string): boolean {
  const [host, port] = endpointHost.split(/:(?=\d+$)/);
  const loopback = (h: string) => h === "localhost" || h === "127.0.0.1" || h === "[::1]";
  const [dHost, dPort] = domain.split(/:(?=\d+$)/);
  return dPort === port && (dHost === host || (loopback(dHost) && loopback(host)));
}
