/**
 * `POST /auth` (docker login): the backend checks the credentials against the registry they
 * name; bad ones are a 401 with the registry's answer.
 *
 * @module
 */
import { InvalidParameter } from "../../backends/core/errors.ts";
import type { RegistryCredentials } from "../../backends/core/registry/mod.ts";
import { jsonResponse, readJson } from "../json.ts";
import type { Route, RouteContext } from "../router.ts";

async function auth(req: Request, ctx: RouteContext): Promise<Response> {
  const credentials = await readJson<RegistryCredentials>(req);
  if (!credentials || typeof credentials !== "object") {
    throw new InvalidParameter("login needs a JSON body with username, password and serveraddress");
  }
  return jsonResponse(
    await ctx.backend.call("system.auth", { credentials }, { signal: ctx.signal }),
  );
}

export const authRoutes: Route[] = [{ method: "POST", pattern: "/auth", handler: auth }];
