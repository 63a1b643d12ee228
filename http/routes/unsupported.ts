/**
 * Route families Sockerless does not serve, answered with 501 and a reason instead of a bare
 * 404, so clients and users learn what is missing (moby's NotImplemented status).
 *
 * @module
 */
import { NotImplemented } from "../../backends/core/errors.ts";
import type { Route, RouteContext } from "../router.ts";

const reasons: [string, string][] = [
  ["/swarm", "Swarm mode is not supported: Sockerless runs standalone containers only"],
  ["/nodes", "Swarm nodes are not supported: Sockerless runs standalone containers only"],
  ["/services", "Swarm services are not supported: Sockerless runs standalone containers only"],
  ["/tasks", "Swarm tasks are not supported: Sockerless runs standalone containers only"],
  ["/secrets", "Swarm secrets are not supported: Sockerless runs standalone containers only"],
  ["/configs", "Swarm configs are not supported: Sockerless runs standalone containers only"],
  ["/plugins", "Engine plugins are not supported by Sockerless"],
  [
    "/session",
    "BuildKit sessions are not supported: use the classic builder (DOCKER_BUILDKIT=0 docker build …)",
  ],
  ["/distribution", "The distribution inspect endpoint is not supported by Sockerless"],
];

export const unsupportedRoutes: Route[] = reasons.flatMap(([prefix, reason]) => {
  const handler = (_req: Request, ctx: RouteContext): never => {
    throw new NotImplemented(`${reason} (${ctx.daemon.backend} backend)`);
  };
  return [
    { method: "*", pattern: prefix, handler },
    { method: "*", pattern: `${prefix}/{rest*}`, handler },
  ];
});
