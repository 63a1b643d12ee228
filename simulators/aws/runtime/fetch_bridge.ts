/**
 * HTTP for a Worker that has no network permission: the Worker's `fetch` becomes a message on a
 * port, and the host performs it only when the URL lies under the one base it allows (a Lambda
 * instance's Runtime API). Everything else is refused with a 403 that says why.
 *
 * @module
 */

interface BridgedRequest {
  id: number;
  url: string;
  method: string;
  headers: [string, string][];
  body: ArrayBuffer | null;
}

interface BridgedResponse {
  id: number;
  status: number;
  headers: [string, string][];
  body: ArrayBuffer;
}

/** The Worker's side: a `fetch` that travels over `port`. */
export function portFetch(port: MessagePort): typeof fetch {
  let next = 0;
  const waiting = new Map<number, (r: BridgedResponse) => void>();
  port.onmessage = (e: MessageEvent<BridgedResponse>) => {
    waiting.get(e.data.id)?.(e.data);
    waiting.delete(e.data.id);
  };
  return async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const id = ++next;
    const body = request.body ? await request.arrayBuffer() : null;
    const reply = new Promise<BridgedResponse>((resolve) => waiting.set(id, resolve));
    const message: BridgedRequest = {
      id,
      url: request.url,
      method: request.method,
      headers: [...request.headers],
      body,
    };
    port.postMessage(message, body ? [body] : []);
    const r = await reply;
    return new Response(r.status === 204 ? null : r.body, { status: r.status, headers: r.headers });
  };
}

/** The host's side: performs the Worker's requests that fall under `allowedBase`. */
export function serveFetchBridge(port: MessagePort, allowedBase: string): void {
  port.onmessage = async (e: MessageEvent<BridgedRequest>) => {
    const { id, url, method, headers, body } = e.data;
    let reply: BridgedResponse;
    if (!url.startsWith(allowedBase)) {
      const text = `the workload may only reach ${allowedBase}, not ${url}`;
      reply = { id, status: 403, headers: [], body: new TextEncoder().encode(text).buffer };
    } else {
      try {
        const response = await fetch(url, { method, headers, body });
        reply = {
          id,
          status: response.status,
          headers: [...response.headers],
          body: await response.arrayBuffer(),
        };
      } catch (err) {
        const text = `bridged request failed: ${(err as Error).message}`;
        reply = { id, status: 502, headers: [], body: new TextEncoder().encode(text).buffer };
      }
    }
    port.postMessage(reply, [reply.body]);
  };
}
