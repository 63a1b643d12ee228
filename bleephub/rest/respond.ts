/** Building REST answers: JSON bodies, request-body parsing, and Link-header pagination. */
import type { ApiRequest } from "../hub.ts";
import { badJson, GitHubError } from "../errors.ts";

export function json(body: unknown, status = 200, headers: HeadersInit = {}): Response {
  const h = new Headers(headers);
  h.set("content-type", "application/json; charset=utf-8");
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: h });
}

export const noContent = () => new Response(null, { status: 204 });

/** Parses the JSON body (an empty body is `{}`); anything but a JSON object is a 400. */
export async function readBody(ar: ApiRequest): Promise<Record<string, unknown>> {
  const text = await ar.req.text();
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badJson();
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw badJson();
  return value as Record<string, unknown>;
}

type Kind = "string" | "boolean" | "number" | "array" | "object";

function kindOf(v: unknown): Kind | "null" {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v as Kind;
}

/**
 * Reads one body field, checking its JSON type the way GitHub's schema validation does
 * (422 "Invalid request" naming the property). `gh api -F` sends numbers and booleans typed,
 * `-f` sends strings; we accept "true"/"false" and digit strings for typed fields like GitHub.
 */
export function field<T>(
  body: Record<string, unknown>,
  name: string,
  kind: Kind,
  options: { required?: boolean; nullable?: boolean } = {},
): T | undefined {
  let v = body[name];
  if (v === undefined) {
    if (options.required) {
      throw new GitHubError(422, `Invalid request.\n\n"${name}" wasn't supplied.`);
    }
    return undefined;
  }
  if (v === null && options.nullable) return null as T;
  if (kind === "boolean" && (v === "true" || v === "false")) v = v === "true";
  if (kind === "number" && typeof v === "string" && /^\d+$/.test(v)) v = Number(v);
  if (kindOf(v) !== kind) {
    throw new GitHubError(
      422,
      `Invalid request.\n\nFor 'properties/${name}', ${JSON.stringify(v)} is not a ${kind}.`,
    );
  }
  return v as T;
}

export function pageParams(url: URL): { page: number; perPage: number } {
  const page = Math.max(1, Number(url.searchParams.get("page") ?? 1) || 1);
  const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get("per_page") ?? 30) || 30));
  return { page, perPage };
}

/** Slices `items` to the requested page and answers with GitHub's `Link` header. */
export function paginated<T>(ar: ApiRequest, items: T[], render: (t: T) => unknown): Response {
  const { page, perPage } = pageParams(ar.url);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const links: string[] = [];
  const link = (p: number, rel: string) => {
    const u = new URL(ar.url);
    const origin = new URL(ar.hub.origin);
    u.protocol = origin.protocol;
    u.host = origin.host;
    u.searchParams.set("page", String(p));
    u.searchParams.set("per_page", String(perPage));
    links.push(`<${u}>; rel="${rel}"`);
  };
  if (page > 1) link(page - 1, "prev");
  if (page < last) link(page + 1, "next");
  if (page < last) link(last, "last");
  if (page > 1) link(1, "first");
  return json(slice.map(render), 200, links.length ? { link: links.join(", ") } : {});
}
