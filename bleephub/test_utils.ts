/** Starts an in-process bleephub over plain HTTP in a temporary data directory for tests. */
import { type Bleephub, startBleephub } from "./mod.ts";

export const ADMIN_TOKEN = "ghp_testAdminToken000000000000000000000";

export interface TestHub {
  bleephub: Bleephub;
  api: string;
  dataDir: string;
  /** fetch against the API with the admin token unless `token` is given (null: anonymous). */
  call(method: string, path: string, body?: unknown, token?: string | null): Promise<Response>;
  close(): Promise<void>;
}

export async function startTestHub(): Promise<TestHub> {
  const dataDir = await Deno.makeTempDir({ prefix: "bleephub-test-" });
  const bleephub = await startBleephub({ port: 0, dataDir, adminToken: ADMIN_TOKEN, http: true });
  const api = `${bleephub.origin}/api/v3`;
  return {
    bleephub,
    api,
    dataDir,
    call(method, path, body, token = ADMIN_TOKEN) {
      const headers: Record<string, string> = { accept: "application/vnd.github+json" };
      if (token) headers.authorization = `token ${token}`;
      const init: RequestInit = { method, headers };
      if (body !== undefined) init.body = typeof body === "string" ? body : JSON.stringify(body);
      const url = path.startsWith("/api/") || path.startsWith("/login/")
        ? `${bleephub.origin}${path}`
        : `${api}${path}`;
      return fetch(url, init);
    },
    async close() {
      await bleephub.close();
      await Deno.remove(dataDir, { recursive: true });
    },
  };
}
