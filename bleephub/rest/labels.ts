/** Repository labels and the labels on an issue or pull request. */
import type { Router } from "../router.ts";
import type { Handler } from "./mod.ts";
import { field, json, noContent, paginated, readBody } from "./respond.ts";
import { repoFor, requireUser } from "./guards.ts";
import { labelJson } from "./shape_issue.ts";
import { notFound, validationFailed } from "../errors.ts";
import { updateIssue } from "../issues.ts";
import { createLabel, labelByName, labelsOf, repoLabels, requireIssue } from "../store/issues.ts";

function names(body: Record<string, unknown>): string[] {
  const v = body.labels ?? [];
  if (!Array.isArray(v)) {
    throw validationFailed({ resource: "Label", field: "labels", code: "invalid" });
  }
  return v.map((x) => typeof x === "string" ? x : (x as { name?: string })?.name ?? "");
}

export function labelRoutes(r: Router<Handler>): void {
  r.add("GET", "/repos/:owner/:repo/labels", (ar) => {
    const repo = repoFor(ar);
    return paginated(ar, repoLabels(ar.hub.db, repo.id), (l) => labelJson(ar.hub, l));
  });
  r.add("POST", "/repos/:owner/:repo/labels", async (ar) => {
    const repo = repoFor(ar, "write");
    const body = await readBody(ar);
    const label = createLabel(
      ar.hub.db,
      repo.id,
      field<string>(body, "name", "string", { required: true })!,
      field<string>(body, "color", "string") ?? "ededed",
      field<string>(body, "description", "string", { nullable: true }) ?? null,
    );
    return json(labelJson(ar.hub, label), 201);
  });
  r.add("GET", "/repos/:owner/:repo/labels/:name", (ar) => {
    const repo = repoFor(ar);
    const l = labelByName(ar.hub.db, repo.id, ar.params.name);
    if (!l) throw notFound();
    return json(labelJson(ar.hub, l));
  });
  r.add("PATCH", "/repos/:owner/:repo/labels/:name", async (ar) => {
    const repo = repoFor(ar, "write");
    const l = labelByName(ar.hub.db, repo.id, ar.params.name);
    if (!l) throw notFound();
    const body = await readBody(ar);
    const name = field<string>(body, "new_name", "string") ??
      field<string>(body, "name", "string") ?? l.name;
    const color = (field<string>(body, "color", "string") ?? l.color).replace(/^#/, "");
    if (!/^[0-9a-fA-F]{6}$/.test(color)) {
      throw validationFailed({ resource: "Label", field: "color", code: "invalid" });
    }
    const other = labelByName(ar.hub.db, repo.id, name);
    if (other && other.id !== l.id) {
      throw validationFailed({ resource: "Label", field: "name", code: "already_exists" });
    }
    const description = field<string>(body, "description", "string", { nullable: true });
    ar.hub.db.prepare("UPDATE labels SET name = ?, color = ?, description = ? WHERE id = ?")
      .run(
        name,
        color.toLowerCase(),
        description === undefined ? l.description : description,
        l.id,
      );
    return json(labelJson(ar.hub, labelByName(ar.hub.db, repo.id, name)!));
  });
  r.add("DELETE", "/repos/:owner/:repo/labels/:name", (ar) => {
    const repo = repoFor(ar, "write");
    const l = labelByName(ar.hub.db, repo.id, ar.params.name);
    if (!l) throw notFound();
    ar.hub.db.prepare("DELETE FROM issue_labels WHERE label_id = ?").run(l.id);
    ar.hub.db.prepare("DELETE FROM labels WHERE id = ?").run(l.id);
    return noContent();
  });

  r.add("GET", "/repos/:owner/:repo/issues/:number(\\d+)/labels", (ar) => {
    const repo = repoFor(ar);
    const issue = requireIssue(ar.hub.db, repo.id, Number(ar.params.number));
    return paginated(ar, labelsOf(ar.hub.db, issue.id), (l) => labelJson(ar.hub, l));
  });
  r.add("POST", "/repos/:owner/:repo/issues/:number(\\d+)/labels", async (ar) => {
    const repo = repoFor(ar, "triage");
    const user = requireUser(ar);
    const issue = requireIssue(ar.hub.db, repo.id, Number(ar.params.number));
    const add = names(await readBody(ar));
    const have = labelsOf(ar.hub.db, issue.id).map((l) => l.name);
    await updateIssue(ar.hub, repo, user, issue, { labels: [...new Set([...have, ...add])] });
    return json(labelsOf(ar.hub.db, issue.id).map((l) => labelJson(ar.hub, l)));
  });
  r.add("PUT", "/repos/:owner/:repo/issues/:number(\\d+)/labels", async (ar) => {
    const repo = repoFor(ar, "triage");
    const user = requireUser(ar);
    const issue = requireIssue(ar.hub.db, repo.id, Number(ar.params.number));
    await updateIssue(ar.hub, repo, user, issue, { labels: names(await readBody(ar)) });
    return json(labelsOf(ar.hub.db, issue.id).map((l) => labelJson(ar.hub, l)));
  });
  r.add("DELETE", "/repos/:owner/:repo/issues/:number(\\d+)/labels/:name", async (ar) => {
    const repo = repoFor(ar, "triage");
    const user = requireUser(ar);
    const issue = requireIssue(ar.hub.db, repo.id, Number(ar.params.number));
    const have = labelsOf(ar.hub.db, issue.id).map((l) => l.name);
    if (!have.some((n) => n.toLowerCase() === ar.params.name.toLowerCase())) {
      throw notFound();
    }
    await updateIssue(ar.hub, repo, user, issue, {
      labels: have.filter((n) => n.toLowerCase() !== ar.params.name.toLowerCase()),
    });
    return json(labelsOf(ar.hub.db, issue.id).map((l) => labelJson(ar.hub, l)));
  });
}
