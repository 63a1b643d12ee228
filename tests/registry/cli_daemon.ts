/**
 * Just enough of the Docker Engine API, over a unix socket, to let the real docker CLI drive
 * this library: pull, push, login, images, inspect, history, tag, rmi, save, load. It is a test oracle for the
 * progress and archive formats, not the daemon's router (that lives in http/).
 *
 * @module
 */
import {
  imageHistory,
  type ImageStore,
  inspectImage,
  listImages,
  loadImages,
  removeImage,
  saveImages,
} from "../../backends/core/images/mod.ts";
import {
  decodeRegistryAuth,
  login,
  pullImage,
  pushImage,
  startJsonLines,
} from "../../backends/core/registry/mod.ts";

const apiVersion = "1.47";

/** A socket path serving the API for `store`. */
export function serveForCli(store: ImageStore, socket: string): Deno.HttpServer {
  return Deno.serve({ path: socket, transport: "unix", onListen() {} }, async (request) => {
    try {
      return await route(store, request);
    } catch (error) {
      const status = (error as { status?: number }).status ?? 500;
      return Response.json({ message: (error as Error).message }, { status, headers: headers() });
    }
  });
}

function headers(extra: Record<string, string> = {}): Headers {
  return new Headers({
    "api-version": apiVersion,
    ostype: "linux",
    server: "Docker/test (linux)",
    ...extra,
  });
}

function stream(body: ReadableStream<Uint8Array>): Response {
  return new Response(body, { headers: headers({ "content-type": "application/json" }) });
}

async function route(store: ImageStore, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname.replace(/^\/v\d+\.\d+/, "");
  const q = url.searchParams;
  const method = request.method;
  const credentials = decodeRegistryAuth(request.headers.get("x-registry-auth"));
  let match: RegExpExecArray | null;
  if (path === "/_ping") {
    return new Response(method === "HEAD" ? null : "OK", { headers: headers() });
  }
  if (path === "/version") {
    return Response.json({ ApiVersion: apiVersion, Version: "test", Os: "linux" }, {
      headers: headers(),
    });
  }
  if (method === "POST" && path === "/images/create") {
    const tag = q.get("tag");
    const name = q.get("fromImage")! + (tag ? (tag.startsWith("sha256:") ? "@" : ":") + tag : "");
    return stream(await startJsonLines(pullImage(store, name, { credentials })));
  }
  if (method === "POST" && (match = /^\/images\/(.+)\/push$/.exec(path))) {
    const name = match[1] + (q.get("tag") ? `:${q.get("tag")}` : "");
    return stream(await startJsonLines(pushImage(store, name, { credentials })));
  }
  if (method === "POST" && path === "/auth") {
    return Response.json(await login(await request.json()), { headers: headers() });
  }
  if (method === "GET" && path === "/images/json") {
    return Response.json(listImages(store), { headers: headers() });
  }
  if (method === "GET" && path === "/images/get") {
    return new Response(saveImages(store, q.getAll("names")), {
      headers: headers({ "content-type": "application/x-tar" }),
    });
  }
  if (method === "POST" && path === "/images/load") {
    const { messages } = await loadImages(store, request.body!);
    const lines = messages.map((m) => JSON.stringify({ stream: `${m}\n` }) + "\r\n").join("");
    return new Response(lines, { headers: headers({ "content-type": "application/json" }) });
  }
  if (method === "GET" && (match = /^\/images\/(.+)\/json$/.exec(path))) {
    return Response.json(inspectImage(store.resolve(decodeURIComponent(match[1])).image), {
      headers: headers(),
    });
  }
  if (method === "GET" && (match = /^\/images\/(.+)\/history$/.exec(path))) {
    return Response.json(imageHistory(store.resolve(decodeURIComponent(match[1])).image), {
      headers: headers(),
    });
  }
  if (method === "POST" && (match = /^\/images\/(.+)\/tag$/.exec(path))) {
    const target = q.get("repo")! + (q.get("tag") ? `:${q.get("tag")}` : "");
    await store.tag(decodeURIComponent(match[1]), target);
    return new Response(null, { status: 201, headers: headers() });
  }
  if (method === "DELETE" && (match = /^\/images\/(.+)$/.exec(path))) {
    const force = q.get("force") === "1" || q.get("force") === "true";
    // No containers exist in this test daemon, so nothing uses an image.
    const items = await removeImage(store, decodeURIComponent(match[1]), {
      force,
      usage: () => [],
    });
    return Response.json(items, { headers: headers() });
  }
  return Response.json({ message: "page not found" }, { status: 404, headers: headers() });
}
