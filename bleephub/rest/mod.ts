/** The REST API under `/api/v3`: every route family registers itself on one router. */
import { Router } from "../router.ts";
import type { ApiRequest } from "../hub.ts";
import { metaRoutes } from "./meta.ts";
import { userRoutes } from "./users.ts";
import { repoRoutes } from "./repos.ts";
import { orgRoutes } from "./orgs.ts";
import { contentRoutes } from "./contents.ts";
import { gitDataRoutes } from "./git_data.ts";
import { branchProtectionRoutes } from "./branch_protection.ts";
import { gitDatabaseRoutes } from "./git_database.ts";
import { issueRoutes } from "./issues.ts";
import { issueExtraRoutes } from "./issue_comments.ts";
import { labelRoutes } from "./labels.ts";
import { pullRoutes } from "./pulls.ts";
import { pullReviewRoutes } from "./pull_reviews.ts";
import { releaseRoutes } from "./releases.ts";
import { statusRoutes } from "./statuses.ts";
import { hookRoutes } from "./hooks.ts";
import { searchRoutes } from "./search.ts";
import { archiveRoutes } from "./archives.ts";

export type Handler = (ar: ApiRequest) => Response | Promise<Response>;

export function restRouter(): Router<Handler> {
  const r = new Router<Handler>();
  for (
    const register of [
      metaRoutes,
      userRoutes,
      orgRoutes,
      repoRoutes,
      contentRoutes,
      // statuses first: their `/commits/{ref}/status` must win over `/commits/{ref+}`.
      statusRoutes,
      branchProtectionRoutes,
      gitDataRoutes,
      gitDatabaseRoutes,
      issueRoutes,
      issueExtraRoutes,
      labelRoutes,
      pullRoutes,
      pullReviewRoutes,
      releaseRoutes,
      hookRoutes,
      searchRoutes,
      archiveRoutes,
    ]
  ) register(r);
  return r;
}
