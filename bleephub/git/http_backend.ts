/**
 * Git smart HTTP by spawning Debian git's `git http-backend` CGI per request, streaming bodies
 * both ways. We authorise first (read for fetch, write for push, 401 with a Basic challenge so
 * git asks its credential helper), and after a push we diff the refs to record it and fire the
 * `push` webhook.
 */
import type { Hub } from "../hub.ts";
import { authenticate, requireScope } from "../auth.ts";
import { GitHubError, notFound } from "../errors.ts";
import { atLeast, permissionOf, repoByName, type RepoRow } from "../store/repos.ts";
import type { UserRow } from "../store/users.ts";
import { gitDirFor } from "./storage.ts";
import { hookRules } from "../store/protection.ts";
import { refs } from "./read.ts";
import { recordPush } from "./push_events.ts";

export interface GitRoute {
  owner: string;
  repo: string;
  rest: string;
}

const GIT_PATH = /^\/([^/]+)\/([^/]+?)(?:\.git)?\/(info\/refs|git-upload-pack|git-receive-pack)$/;

export function gitRoute(pathname: string): GitRoute | undefined {
  const m = GIT_PATH.exec(pathname);
  return m ? { owner: m[1], repo: m[2], rest: m[3] } : undefined;
}

function challenge(): Response {
  return new Response("Authentication required\n", {
    status: 401,
    headers: { "WWW-Authenticate": 'Basic realm="GitHub"' },
  });
}

export async function handleGit(hub: Hub, req: Request, url: URL, route: GitRoute) {
  const isPush = route.rest === "git-receive-pack" ||
    url.searchParams.get("service") === "git-receive-pack";
  let viewer: UserRow | null;
  let scopes: string[];
  try {
    ({ viewer, scopes } = authenticate(hub.db, req.headers.get("authorization")));
  } catch {
    return challenge();
  }
  const repo = repoByName(hub.db, route.owner, decodeURIComponent(route.repo));
  const perm = repo ? permissionOf(hub.db, repo, viewer) : "none";
  if (!repo || perm === "none") {
    // Anonymous callers are challenged so git retries with credentials, as github.com does.
    if (!viewer) return challenge();
    throw notFound();
  }
  if (isPush) {
    if (!viewer) return challenge();
    if (!atLeast(perm, "write")) {
      return new Response(
        `Permission to ${route.owner}/${route.repo}.git denied to ${viewer.login}.\n`,
        {
          status: 403,
        },
      );
    }
    requireScope(scopes, repo.private ? "repo" : "public_repo");
  }
  return await runBackend(hub, req, url, repo, route.rest, viewer, isPush && req.method === "POST");
}

async function runBackend(
  hub: Hub,
  req: Request,
  url: URL,
  repo: RepoRow,
  rest: string,
  viewer: UserRow | null,
  recordsPush: boolean,
): Promise<Response> {
  const gitDir = gitDirFor(hub.gitRoot, repo.id);
  const isAdmin = viewer !== null && atLeast(permissionOf(hub.db, repo, viewer), "admin");
  const rules = hookRules(hub.db, repo.id, isAdmin);
  const env: Record<string, string> = {
    GIT_PROJECT_ROOT: hub.gitRoot,
    GIT_HTTP_EXPORT_ALL: "1",
    REQUEST_METHOD: req.method,
    PATH_INFO: `/${repo.id}.git/${rest}`,
    QUERY_STRING: url.search.slice(1),
    CONTENT_TYPE: req.headers.get("content-type") ?? "",
    REMOTE_USER: viewer?.login ?? "",
    REMOTE_ADDR: "127.0.0.1",
    GATEWAY_INTERFACE: "CGI/1.1",
    SERVER_PROTOCOL: "HTTP/1.1",
    BLEEPHUB_PR_ONLY_REFS: rules.pullRequestOnly.join(" "),
    BLEEPHUB_NO_FORCE_REFS: rules.noForcePush.join(" "),
    BLEEPHUB_NO_DELETE_REFS: rules.noDeletion.join(" "),
    PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
  };
  const protocol = req.headers.get("git-protocol");
  if (protocol) env.HTTP_GIT_PROTOCOL = protocol;
  const encoding = req.headers.get("content-encoding");
  if (encoding) env.HTTP_CONTENT_ENCODING = encoding;
  const length = req.headers.get("content-length");
  if (length) env.CONTENT_LENGTH = length;

  const before = recordsPush ? await refs(gitDir) : undefined;
  let child: Deno.ChildProcess;
  try {
    child = new Deno.Command("git", {
      args: ["http-backend"],
      env,
      clearEnv: true,
      stdin: "piped",
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new GitHubError(500, "git hosting needs `git` on PATH (Debian package: git)");
    }
    throw e;
  }
  if (req.body) {
    req.body.pipeTo(child.stdin).catch(() => {});
  } else {
    await child.stdin.close();
  }
  const reader = child.stdout.getReader();
  const { status, headers, rest: first } = await readCgiHeaders(reader);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.length) controller.enqueue(first);
    },
    async pull(controller) {
      const { value, done } = await reader.read();
      if (done) {
        await child.status;
        if (before) await recordPush(hub, repo, viewer!, before, await refs(gitDir));
        controller.close();
      } else controller.enqueue(value);
    },
    async cancel() {
      await reader.cancel();
      child.kill();
    },
  });
  return new Response(body, { status, headers });
}

/** Reads the CGI header block (up to the blank line); the rest is the start of the body. */
async function readCgiHeaders(reader: ReadableStreamDefaultReader<Uint8Array>) {
  let buf = new Uint8Array(0);
  while (true) {
    const end = findBlankLine(buf);
    if (end) {
      const text = new TextDecoder().decode(buf.subarray(0, end.at));
      const headers = new Headers();
      let status = 200;
      for (const line of text.split(/\r?\n/)) {
        const colon = line.indexOf(":");
        if (colon < 0) continue;
        const k = line.slice(0, colon).trim();
        const v = line.slice(colon + 1).trim();
        if (k.toLowerCase() === "status") status = Number(v.split(" ")[0]);
        else headers.append(k, v);
      }
      return { status, headers, rest: buf.subarray(end.at + end.len) };
    }
    const { value, done } = await reader.read();
    if (done) throw new Error("git http-backend ended before sending its headers");
    const next = new Uint8Array(buf.length + value.length);
    next.set(buf);
    next.set(value, buf.length);
    buf = next;
  }
}

function findBlankLine(buf: Uint8Array): { at: number; len: number } | undefined {
  for (let i = 0; i + 1 < buf.length; i++) {
    if (buf[i] === 10 && buf[i + 1] === 10) return { at: i, len: 2 };
    if (buf[i] === 13 && buf[i + 1] === 10 && buf[i + 2] === 13 && buf[i + 3] === 10) {
      return { at: i, len: 4 };
    }
  }
  return undefined;
}
