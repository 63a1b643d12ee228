/**
 * The route table: every Docker API route this daemon serves, by family.
 *
 * @module
 */
import type { Route } from "../router.ts";
import { containerRoutes } from "./containers.ts";
import { execRoutes } from "./exec.ts";
import { imageRoutes } from "./images.ts";
import { systemRoutes } from "./system.ts";
import { unsupportedRoutes } from "./unsupported.ts";

export const routes: Route[] = [
  ...systemRoutes,
  ...containerRoutes,
  ...execRoutes,
  ...imageRoutes,
  ...unsupportedRoutes,
];
