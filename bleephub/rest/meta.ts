/** The API root, `rate_limit` and `meta`: what clients call to discover and check the server. */
import type { Router } from "../router.ts";
import { apiBase, type ApiRequest } from "../hub.ts";
import type { Handler } from "./mod.ts";
import { json } from "./respond.ts";

export function metaRoutes(r: Router<Handler>): void {
  r.add("GET", "/", (ar: ApiRequest) => {
    const api = apiBase(ar.hub);
    return json({
      current_user_url: `${api}/user`,
      authorizations_url: `${api}/authorizations`,
      emails_url: `${api}/user/emails`,
      issue_search_url: `${api}/search/issues?q={query}{&page,per_page,sort,order}`,
      organization_url: `${api}/orgs/{org}`,
      organization_repositories_url: `${api}/orgs/{org}/repos{?type,page,per_page,sort}`,
      repository_url: `${api}/repos/{owner}/{repo}`,
      repository_search_url: `${api}/search/repositories?q={query}{&page,per_page,sort,order}`,
      user_url: `${api}/users/{user}`,
      user_repositories_url: `${api}/users/{user}/repos{?type,page,per_page,sort}`,
    });
  });
  r.add(
    "GET",
    "/meta",
    () => json({ verifiable_password_authentication: false, installed_version: "3.12.0" }),
  );
  r.add("GET", "/rate_limit", (ar) => {
    // Reading the budget does not spend it, as on GitHub.
    const limit = ar.viewer ? 5000 : 60;
    const core = ar.hub.limiter.peek(`r:${ar.rateKey}`, limit);
    const graphql = ar.hub.limiter.peek(`g:${ar.rateKey}`, limit);
    return json({ resources: { core, graphql }, rate: core });
  });
}
