/**
 * A small method + path router over the Web `URLPattern`, fetch-style so it can be tested
 * without sockets. Wrong method on a known path and unknown paths both answer 404, as GitHub does.
 */

export type Params = Record<string, string>;

interface Route<H> {
  method: string;
  pattern: URLPattern;
  handler: H;
}

export class Router<H> {
  #routes: Route<H>[] = [];

  add(method: string, path: string, handler: H): this {
    this.#routes.push({ method, pattern: new URLPattern({ pathname: path }), handler });
    return this;
  }

  match(method: string, pathname: string): { handler: H; params: Params } | undefined {
    for (const route of this.#routes) {
      if (route.method !== method && !(method === "HEAD" && route.method === "GET")) continue;
      const m = route.pattern.exec({ pathname });
      if (!m) continue;
      const params: Params = {};
      for (const [k, v] of Object.entries(m.pathname.groups)) {
        if (v !== undefined) params[k] = decodeURIComponent(v);
      }
      return { handler: route.handler, params };
    }
    return undefined;
  }
}
