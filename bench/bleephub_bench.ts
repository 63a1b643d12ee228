/**
 * bleephub figures, each against a baseline measured in the same run:
 * - REST `GET /api/v3/repos/{o}/{r}` p50 (sequential) and requests/s (16 concurrent clients),
 *   beside `GET /_health` (the server's floor: routing + TLS-free HTTP, no database);
 * - GraphQL `repository { issues(first: 50) }` p50 over 50 issues;
 * - `git clone` of a 1,000-commit repository through bleephub vs the same bare repository
 *   served by `git http-backend` behind a minimal Deno server (ratio).
 * bleephub runs as its own process over plain HTTP (`--http`) so TLS cost is out of the ratio.
 * Clones alternate between the two servers, 11 each, and the medians are compared.
 * Usage: deno run -A bench/bleephub_bench.ts [requests, default 2000]
 */
const total = Number(Deno.args[0] ?? 2000);
const root = new URL("../", import.meta.url);
const dir = await Deno.makeTempDir({ prefix: "bleephub-bench-" });
const token = "ghp_benchAdminToken0000000000000000000000";

function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

async function waitFor(port: number) {
  for (let i = 0; i < 600; i++) {
    try {
      (await Deno.connect({ hostname: "127.0.0.1", port })).close();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`port ${port} never came up`);
}

async function sh(cmd: string, args: string[], cwd?: string, stdin?: string) {
  const child = new Deno.Command(cmd, {
    args,
    cwd,
    stdin: stdin ? "piped" : "null",
    stdout: "null",
    stderr: "piped",
  }).spawn();
  if (stdin) {
    const w = child.stdin.getWriter();
    await w.write(new TextEncoder().encode(stdin));
    await w.close();
  }
  const out = await child.output();
  if (!out.success) {
    throw new Error(`${cmd} ${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
  }
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};

const port = freePort();
const hub = new Deno.Command(Deno.execPath(), {
  args: [
    "run",
    "-A",
    "bleephub/main.ts",
    "--http",
    "--port",
    String(port),
    "--data-dir",
    `${dir}/data`,
    "--admin-token",
    token,
  ],
  cwd: root,
  stdout: "null",
  stderr: "inherit",
}).spawn();
await waitFor(port);
const base = `http://127.0.0.1:${port}`;
const headers = { authorization: `token ${token}`, "content-type": "application/json" };
const call = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text;
};

try {
  await call("POST", "/api/v3/user/repos", { name: "bench" });
  for (let i = 0; i < 50; i++) {
    await call("POST", "/api/v3/repos/admin/bench/issues", {
      title: `issue ${i}`,
      body: "x".repeat(200),
    });
  }

  const sequential = async (path: string, n: number, init?: RequestInit) => {
    const lat: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const res = await fetch(`${base}${path}`, { headers, ...init });
      await res.arrayBuffer();
      lat.push(performance.now() - t0);
    }
    return lat;
  };
  const throughput = async (path: string, n: number, concurrency = 16) => {
    let left = n;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (left-- > 0) await (await fetch(`${base}${path}`, { headers })).arrayBuffer();
    }));
    return n / ((performance.now() - t0) / 1000);
  };

  await sequential("/api/v3/repos/admin/bench", 200); // warm-up
  const rest = await sequential("/api/v3/repos/admin/bench", total);
  const floor = await sequential("/_health", total);
  const restRps = await throughput("/api/v3/repos/admin/bench", total);
  const floorRps = await throughput("/_health", total);
  const query = JSON.stringify({
    query:
      '{ repository(owner: "admin", name: "bench") { issues(first: 50) { totalCount nodes { number title body author { login } createdAt } } } }',
  });
  await sequential("/api/graphql", 20, { method: "POST", body: query });
  const gql = await sequential("/api/graphql", Math.min(total, 500), {
    method: "POST",
    body: query,
  });

  // A 1,000-commit repository, made with git fast-import.
  const src = `${dir}/src.git`;
  await sh("git", ["init", "-q", "--bare", "--initial-branch=main", src]);
  let stream = "";
  for (let i = 1; i <= 1000; i++) {
    const data = `line ${i}\n`;
    stream +=
      `commit refs/heads/main\nmark :${i}\ncommitter Bench <b@example.com> ${
        1700000000 + i
      } +0000\n` +
      `data ${`commit ${i}`.length}\ncommit ${i}\n${i > 1 ? `from :${i - 1}\n` : ""}` +
      `M 100644 inline file${i % 50}.txt\ndata ${data.length}\n${data}\n`;
  }
  await sh("git", ["--git-dir", src, "fast-import", "--quiet"], undefined, stream);
  await call("POST", "/api/v3/user/repos", { name: "big" });
  await sh("git", [
    "--git-dir",
    src,
    "-c",
    `http.extraHeader=Authorization: token ${token}`,
    "push",
    "-q",
    `${base}/admin/big.git`,
    "main",
  ]);

  // Baseline: the same bare repository behind the smallest http-backend server.
  const plainPort = freePort();
  const plain = Deno.serve(
    { hostname: "127.0.0.1", port: plainPort, onListen() {} },
    async (req) => {
      const u = new URL(req.url);
      const child = new Deno.Command("git", {
        args: ["http-backend"],
        env: {
          GIT_PROJECT_ROOT: dir,
          GIT_HTTP_EXPORT_ALL: "1",
          REQUEST_METHOD: req.method,
          PATH_INFO: u.pathname,
          QUERY_STRING: u.search.slice(1),
          CONTENT_TYPE: req.headers.get("content-type") ?? "",
          HTTP_GIT_PROTOCOL: req.headers.get("git-protocol") ?? "",
          HTTP_CONTENT_ENCODING: req.headers.get("content-encoding") ?? "",
        },
        stdin: "piped",
        stdout: "piped",
      }).spawn();
      if (req.body) req.body.pipeTo(child.stdin).catch(() => {});
      else await child.stdin.close();
      // Stream like bleephub does: read up to the CGI header block, then pass the rest through.
      const reader = child.stdout.getReader();
      let buf = new Uint8Array(0);
      let split = -1;
      while (split < 0) {
        const { value, done } = await reader.read();
        if (done) throw new Error("http-backend sent no headers");
        const next = new Uint8Array(buf.length + value.length);
        next.set(buf);
        next.set(value, buf.length);
        buf = next;
        split = new TextDecoder().decode(buf).indexOf("\r\n\r\n");
      }
      const head = new TextDecoder().decode(buf.subarray(0, split));
      const h = new Headers();
      let status = 200;
      for (const line of head.split("\r\n")) {
        const [k, ...v] = line.split(":");
        if (k.toLowerCase() === "status") status = Number(v.join(":").trim().split(" ")[0]);
        else if (v.length) h.set(k, v.join(":").trim());
      }
      const rest = buf.subarray(split + 4);
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          if (rest.length) c.enqueue(rest);
        },
        async pull(c) {
          const { value, done } = await reader.read();
          if (done) c.close();
          else c.enqueue(value);
        },
      });
      return new Response(body, { status, headers: h });
    },
  );

  const clone = async (url: string, extra: string[] = []) => {
    const t0 = performance.now();
    await sh("git", [
      ...extra,
      "clone",
      "-q",
      "--bare",
      url,
      `${dir}/clone-${crypto.randomUUID()}`,
    ]);
    return performance.now() - t0;
  };
  const viaHub: number[] = [];
  const viaPlain: number[] = [];
  for (let i = 0; i < 11; i++) {
    viaPlain.push(await clone(`http://127.0.0.1:${plainPort}/src.git`));
    viaHub.push(
      await clone(`${base}/admin/big.git`, [
        "-c",
        `http.extraHeader=Authorization: token ${token}`,
      ]),
    );
  }
  await plain.shutdown();

  const f = (x: number) => x.toFixed(2);
  console.log(
    `REST GET /repos/{o}/{r}   p50 ${f(percentile(rest, 0.5))} ms  p99 ${
      f(percentile(rest, 0.99))
    } ms  ${restRps.toFixed(0)} req/s (16 clients)`,
  );
  console.log(
    `floor GET /_health        p50 ${f(percentile(floor, 0.5))} ms  p99 ${
      f(percentile(floor, 0.99))
    } ms  ${floorRps.toFixed(0)} req/s (16 clients)`,
  );
  console.log(
    `GraphQL issues(first:50)  p50 ${f(percentile(gql, 0.5))} ms  p99 ${
      f(percentile(gql, 0.99))
    } ms`,
  );
  const hubMed = percentile(viaHub, 0.5);
  const plainMed = percentile(viaPlain, 0.5);
  console.log(
    `git clone 1,000 commits   bleephub p50 ${f(hubMed)} ms  http-backend baseline p50 ${
      f(plainMed)
    } ms  ratio ${(hubMed / plainMed).toFixed(2)}`,
  );
} finally {
  hub.kill("SIGTERM");
  await hub.status;
  await Deno.remove(dir, { recursive: true });
}
