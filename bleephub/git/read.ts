/** Reads refs, commits, trees and blobs from a bare repository through git plumbing. */
import { git, gitRaw } from "./exec.ts";

export interface Person {
  name: string;
  email: string;
  date: string;
}

export interface CommitObject {
  sha: string;
  tree: string;
  parents: string[];
  author: Person;
  committer: Person;
  message: string;
}

export interface TreeEntry {
  mode: string;
  type: "blob" | "tree" | "commit";
  sha: string;
  size: number | null;
  path: string;
}

export interface FileChange {
  filename: string;
  status: "added" | "removed" | "modified" | "renamed" | "copied" | "changed";
  additions: number;
  deletions: number;
  changes: number;
  previous_filename?: string;
}

export async function refs(gitDir: string, prefix = "refs/"): Promise<Map<string, string>> {
  const out = await git(gitDir, ["for-each-ref", "--format=%(objectname) %(refname)", prefix]);
  const map = new Map<string, string>();
  for (const line of out.split("\n").filter(Boolean)) {
    const [sha, ref] = line.split(" ");
    map.set(ref, sha);
  }
  return map;
}

export async function branches(gitDir: string): Promise<{ name: string; sha: string }[]> {
  const map = await refs(gitDir, "refs/heads/");
  return [...map].map(([ref, sha]) => ({ name: ref.slice("refs/heads/".length), sha }));
}

/** Resolves a branch, tag or sha to a commit sha, or undefined when it names nothing. */
export async function resolveCommit(gitDir: string, rev: string): Promise<string | undefined> {
  if (rev.startsWith("-")) return undefined;
  const { stdout, code } = await gitRaw(
    gitDir,
    ["rev-parse", "--verify", "--quiet", `${rev}^{commit}`],
    { okCodes: [1, 128] },
  );
  return code === 0 ? new TextDecoder().decode(stdout).trim() : undefined;
}

function person(line: string): Person {
  const m = /^(.*) <(.*)> (\d+) ([+-]\d{4})$/.exec(line);
  if (!m) return { name: line, email: "", date: new Date(0).toISOString() };
  const date = new Date(Number(m[3]) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  return { name: m[1], email: m[2], date };
}

export async function readCommit(gitDir: string, sha: string): Promise<CommitObject> {
  const raw = await git(gitDir, ["cat-file", "commit", sha]);
  const split = raw.indexOf("\n\n");
  const header = split < 0 ? raw : raw.slice(0, split);
  const message = split < 0 ? "" : raw.slice(split + 2);
  const commit: CommitObject = {
    sha,
    tree: "",
    parents: [],
    author: person(""),
    committer: person(""),
    message,
  };
  for (const line of header.split("\n")) {
    const sp = line.indexOf(" ");
    const key = line.slice(0, sp);
    const value = line.slice(sp + 1);
    if (key === "tree") commit.tree = value;
    else if (key === "parent") commit.parents.push(value);
    else if (key === "author") commit.author = person(value);
    else if (key === "committer") commit.committer = person(value);
  }
  return commit;
}

/** Commit shas reachable from `range` (a rev or `a..b`), newest first. */
export async function revList(
  gitDir: string,
  range: string[],
  options: { limit?: number; skip?: number; path?: string; reverse?: boolean } = {},
): Promise<string[]> {
  const args = ["rev-list"];
  if (options.limit !== undefined) args.push(`--max-count=${options.limit}`);
  if (options.skip) args.push(`--skip=${options.skip}`);
  if (options.reverse) args.push("--reverse");
  args.push(...range, "--");
  if (options.path) args.push(options.path);
  return (await git(gitDir, args)).split("\n").filter(Boolean);
}

export async function lsTree(gitDir: string, treeish: string, path = ""): Promise<TreeEntry[]> {
  const spec = path ? `${treeish}:${path}` : treeish;
  const out = await git(gitDir, ["ls-tree", "-l", "-z", spec]);
  return out.split("\0").filter(Boolean).map((line) => {
    const tab = line.indexOf("\t");
    const [mode, type, sha, size] = line.slice(0, tab).split(/\s+/);
    return {
      mode,
      type: type as TreeEntry["type"],
      sha,
      size: size === "-" ? null : Number(size),
      path: line.slice(tab + 1),
    };
  });
}

/** The object at `path` in `commit`: its sha and type, or undefined when absent. */
export async function objectAt(
  gitDir: string,
  commit: string,
  path: string,
): Promise<{ sha: string; type: string; size: number } | undefined> {
  const { stdout, code } = await gitRaw(
    gitDir,
    ["cat-file", "--batch-check=%(objectname) %(objecttype) %(objectsize)"],
    { stdin: `${commit}:${path}\n` },
  );
  const line = new TextDecoder().decode(stdout).trim();
  if (code !== 0 || line.endsWith("missing") || line.includes("ambiguous")) return undefined;
  const [sha, type, size] = line.split(" ");
  return { sha, type, size: Number(size) };
}

export async function readBlob(gitDir: string, sha: string): Promise<Uint8Array> {
  return (await gitRaw(gitDir, ["cat-file", "blob", sha])).stdout;
}

export async function mergeBase(gitDir: string, a: string, b: string): Promise<string | undefined> {
  const { stdout, code } = await gitRaw(gitDir, ["merge-base", a, b], { okCodes: [1] });
  return code === 0 ? new TextDecoder().decode(stdout).trim() : undefined;
}

/** Files changed between two commits, with line counts, as the compare and PR files APIs show. */
export async function diffFiles(gitDir: string, from: string, to: string): Promise<FileChange[]> {
  const status = await git(gitDir, ["diff", "--name-status", "-M", "-z", from, to]);
  const numstat = await git(gitDir, ["diff", "--numstat", "-M", "-z", from, to]);
  const counts = new Map<string, [number, number]>();
  const parts = numstat.split("\0");
  for (let i = 0; i < parts.length; i++) {
    const m = /^(\d+|-)\t(\d+|-)\t(.*)$/.exec(parts[i]);
    if (!m) continue;
    let name = m[3];
    if (name === "") {
      i += 2; // renames: "a\td\t\0old\0new"
      name = parts[i];
    }
    counts.set(name, [Number(m[1]) || 0, Number(m[2]) || 0]);
  }
  const files: FileChange[] = [];
  const tokens = status.split("\0").filter((t) => t !== "");
  for (let i = 0; i < tokens.length; i++) {
    const code = tokens[i][0];
    let filename = tokens[++i];
    let previous: string | undefined;
    if (code === "R" || code === "C") {
      previous = filename;
      filename = tokens[++i];
    }
    const [additions, deletions] = counts.get(filename) ?? [0, 0];
    const statusName =
      ({ A: "added", D: "removed", M: "modified", R: "renamed", C: "copied" } as Record<
        string,
        FileChange["status"]
      >)[code] ?? "changed";
    files.push({
      filename,
      status: statusName,
      additions,
      deletions,
      changes: additions + deletions,
      ...(previous ? { previous_filename: previous } : {}),
    });
  }
  return files;
}

export async function patchFor(gitDir: string, from: string, to: string, path: string) {
  const out = await git(gitDir, ["diff", "-M", from, to, "--", path]);
  const at = out.indexOf("\n@@");
  return at < 0 ? undefined : out.slice(at + 1);
}
