/**
 * ADD's URL sources: each is fetched and becomes a file in a small source tree, named by the
 * URL's last path segment, mode 0600 and the `Last-Modified` time, as moby's classic builder
 * stores downloads. A URL that cannot be fetched fails the step.
 *
 * @module
 */
import { InvalidParameter } from "../../core/errors.ts";
import type { SourceTree } from "./copy_sources.ts";

/** The tree path a URL source is stored under. */
export function urlName(url: string): string {
  const name = new URL(url).pathname.split("/").filter(Boolean).pop();
  if (!name) throw new InvalidParameter(`cannot determine a file name from the URL ${url}`);
  return `.url/${name}`;
}

/** Fetches every URL into a tree. */
export async function fetchUrls(urls: string[]): Promise<SourceTree> {
  const tree: SourceTree = new Map();
  for (const url of urls) {
    const response = await fetch(url).catch((error) => {
      throw new InvalidParameter(`ADD failed: cannot fetch ${url}: ${(error as Error).message}`);
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new InvalidParameter(`ADD failed: ${url} answered ${response.status}`);
    }
    const data = new Uint8Array(await response.arrayBuffer());
    const path = urlName(url);
    const modified = Date.parse(response.headers.get("last-modified") ?? "");
    tree.set(path, {
      path,
      type: "file",
      mode: 0o600,
      mtimeMs: Number.isNaN(modified) ? Date.now() : modified,
      data,
    });
  }
  return tree;
}
