/**
 * The route table: every Docker API route this daemon serves, by family.
 *
 * @module
 */
import type { Route } from "../router.ts";
import { authRoutes } from "./auth.ts";
import { buildRoutes } from "./build.ts";
import { containerRoutes } from "./containers.ts";
import { containerFsRoutes } from "./containers_fs.ts";
import { containerMiscRoutes } from "./containers_misc.ts";
import { execRoutes } from "./exec.ts";
import { imageContentRoutes } from "./images_content.ts";
import { imageRoutes } from "./images.ts";
import { networkRoutes } from "./networks.ts";
import { systemRoutes } from "./system.ts";
import { unsupportedRoutes } from "./unsupported.ts";
import { volumeRoutes } from "./volumes.ts";

export const routes: Route[] = [
  ...systemRoutes,
  ...containerRoutes,
  ...containerFsRoutes,
  ...containerMiscRoutes,
  ...execRoutes,
  ...imageContentRoutes,
  ...imageRoutes,
  ...buildRoutes,
  ...authRoutes,
  ...volumeRoutes,
  ...networkRoutes,
  ...unsupportedRoutes,
];
