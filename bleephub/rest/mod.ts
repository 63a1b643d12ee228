/** The REST API under `/api/v3`: every route family registers itself on one router. */
import { Router } from "../router.ts";
import type { ApiRequest } from "../hub.ts";
import { metaRoutes } from "./meta.ts";
import { userRoutes } from "./users.ts";
import { repoRoutes } from "./repos.ts";
// TODO-WIP import { orgRoutes } from "./orgs.ts";
// TODO-WIP import { contentRoutes } from "./contents.ts";
// TODO-WIP import { gitDataRoutes } from "./git_data.ts";
// TODO-WIP import { issueRoutes } from "./issues.ts";
// TODO-WIP import { issueExtraRoutes } from "./issue_comments.ts";
// TODO-WIP import { labelRoutes } from "./labels.ts";
// TODO-WIP import { pullRoutes } from "./pulls.ts";
// TODO-WIP import { releaseRoutes } from "./releases.ts";
// TODO-WIP import { statusRoutes } from "./statuses.ts";
// TODO-WIP import { hookRoutes } from "./hooks.ts";
// TODO-WIP import { searchRoutes } from "./search.ts";

export type Handler = (ar: ApiRequest) => Response | Promise<Response>;

export function restRouter(): Router<Handler> {
  const r = new Router<Handler>();
  for (
    const register of [
      metaRoutes,
      userRoutes,
      // TODO-WIP       orgRoutes,
      repoRoutes,
      // TODO-WIP       contentRoutes,
      // TODO-WIP       gitDataRoutes,
      // TODO-WIP       issueRoutes,
      // TODO-WIP       issueExtraRoutes,
      // TODO-WIP       labelRoutes,
      // TODO-WIP       pullRoutes,
      // TODO-WIP       releaseRoutes,
      // TODO-WIP       statusRoutes,
      // TODO-WIP       hookRoutes,
      // TODO-WIP       searchRoutes,
    ]
  ) register(r);
  return r;
}
