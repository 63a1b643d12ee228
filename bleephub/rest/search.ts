/** `/search/issues` and `/search/repositories` with GitHub's result envelope. */
import type { Router } from "../router.ts";
import type { Handler } from "./mod.ts";
import { json, pageParams } from "./respond.ts";
import { issueJson } from "./shape_issue.ts";
import { repoJson } from "./shape_repo.ts";
import { searchIssues, searchRepos } from "../search.ts";
import { validationFailed } from "../errors.ts";

export function searchRoutes(r: Router<Handler>): void {
  r.add("GET", "/search/issues", (ar) => {
    const q = ar.url.searchParams.get("q") ?? "";
    const rows = searchIssues(ar.hub, ar.viewer, q);
    const { page, perPage } = pageParams(ar.url);
    const items = rows.slice((page - 1) * perPage, page * perPage).map((i) => ({
      ...issueJson(ar.hub, i),
      score: 1,
    }));
    return json({ total_count: rows.length, incomplete_results: false, items });
  });
  r.add("GET", "/search/repositories", (ar) => {
    const q = ar.url.searchParams.get("q") ?? "";
    if (!q.trim()) throw validationFailed({ resource: "Search", field: "q", code: "missing" });
    const rows = searchRepos(ar.hub, ar.viewer, q);
    const { page, perPage } = pageParams(ar.url);
    const items = rows.slice((page - 1) * perPage, page * perPage).map((rr) => ({
      ...repoJson(ar.hub, rr, ar.viewer),
      score: 1,
    }));
    return json({ total_count: rows.length, incomplete_results: false, items });
  });
}
