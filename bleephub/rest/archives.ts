/**
 * Source archives (`/tarball/{ref}`, `/zipball/{ref}`) streamed from `git archive`, with
 * GitHub's top-level directory `{owner}-{repo}-{sha7}/`. GitHub redirects these to its
 * codeload host; bleephub serves the bytes directly, which clients follow transparently.
 */
import type { Router } from "../router.ts";
import type { ApiRequest } from "../hub.ts";
import type { Handler } from "./mod.ts";
import { repoFor } from "./guards.ts";
import { notFound } from "../errors.ts";
import { gitDirFor } from "../git/storage.ts";
import { resolveCommit } from "../git/read.ts";

async function archive(ar: ApiRequest, format: "tar.gz" | "zip"): Promise<Response> {
  const repo = repoFor(ar);
  const gitDir = gitDirFor(ar.hub.gitRoot, repo.id);
  const ref = ar.params.ref ?? repo.default_branch;
  const sha = await resolveCommit(gitDir, ref);
  if (!sha) throw notFound();
  const prefix = `${ar.params.owner}-${repo.name}-${sha.slice(0, 7)}`;
  const child = new Deno.Command("git", {
    args: ["--git-dir", gitDir, "archive", `--format=${format}`, `--prefix=${prefix}/`, sha],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const ext = format === "zip" ? "zip" : "tar.gz";
  return new Response(child.stdout, {
    headers: {
      "content-type": format === "zip" ? "application/zip" : "application/x-gzip",
      "content-disposition": `attachment; filename=${prefix}.${ext}`,
    },
  });
}

export function archiveRoutes(r: Router<Handler>): void {
  r.add("GET", "/repos/:owner/:repo/tarball", (ar) => archive(ar, "tar.gz"));
  r.add("GET", "/repos/:owner/:repo/tarball/:ref+", (ar) => archive(ar, "tar.gz"));
  r.add("GET", "/repos/:owner/:repo/zipball", (ar) => archive(ar, "zip"));
  r.add("GET", "/repos/:owner/:repo/zipball/:ref+", (ar) => archive(ar, "zip"));
}
