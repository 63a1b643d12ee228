/** Webhooks: HMAC-SHA256 signed deliveries for pings, pushes and issues, with delivery records. */
import assert from "node:assert/strict";
import { type HubEvent, signatureHeaders } from "./webhooks.ts";
import { ADMIN_TOKEN, startTestHub } from "./test_utils.ts";

/** Waits for the receiver's next delivery, failing the test instead of hanging after 15 s. */
function nextDelivery(arrived: EventTarget): Promise<void> {
  const signal = AbortSignal.timeout(15_000);
  return new Promise((resolve, reject) => {
    signal.addEventListener("abort", () => reject(new Error("no webhook delivery within 15 s")));
    arrived.addEventListener("delivery", () => resolve(), { once: true, signal });
  });
}

interface Received {
  event: string;
  signature: string;
  body: string;
}

Deno.test("signatureHeaders matches GitHub's documented HMAC-SHA256 example", async () => {
  // From docs.github.com "Validating webhook deliveries": secret "It's a Secret to Everybody".
  const headers = await signatureHeaders("It's a Secret to Everybody", "Hello, World!");
  assert.equal(
    headers["X-Hub-Signature-256"],
    "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
  );
});

Deno.test("webhooks deliver signed ping, push and issues events and record them", async () => {
  const received: Received[] = [];
  const arrived = new EventTarget();
  const receiver = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    received.push({
      event: req.headers.get("x-github-event")!,
      signature: req.headers.get("x-hub-signature-256")!,
      body: await req.text(),
    });
    arrived.dispatchEvent(new Event("delivery"));
    return new Response("thanks");
  });
  const waitFor = async (event: string) => {
    while (!received.some((r) => r.event === event)) {
      await nextDelivery(arrived);
    }
    return received.find((r) => r.event === event)!;
  };
  const hub = await startTestHub();
  try {
    await hub.call("POST", "/user/repos", { name: "hooked", auto_init: true });
    const res = await hub.call("POST", "/repos/admin/hooked/hooks", {
      config: {
        url: `http://127.0.0.1:${receiver.addr.port}/hook`,
        content_type: "json",
        secret: "s3cret",
      },
      events: ["push", "issues"],
    });
    assert.equal(res.status, 201);
    const hook = await res.json();
    assert.equal(hook.config.secret, "********");

    const ping = await waitFor("ping");
    assert.equal(
      ping.signature,
      (await signatureHeaders("s3cret", ping.body))["X-Hub-Signature-256"],
    );

    await hub.call("PUT", "/repos/admin/hooked/contents/x.txt", {
      message: "add x",
      content: btoa("x"),
    });
    const push = await waitFor("push");
    assert.equal(
      push.signature,
      (await signatureHeaders("s3cret", push.body))["X-Hub-Signature-256"],
    );
    const payload = JSON.parse(push.body);
    assert.equal(payload.ref, "refs/heads/main");
    assert.deepEqual(payload.commits.map((c: { message: string }) => c.message), ["add x"]);
    assert.equal(payload.repository.full_name, "admin/hooked");

    // A push over git smart HTTP fires `push` too, with the commits git sent.
    const work = await Deno.makeTempDir({ prefix: "bleephub-hook-git-" });
    const auth = `Authorization: Basic ${btoa(`x-access-token:${ADMIN_TOKEN}`)}`;
    const git = async (...args: string[]) => {
      const out = await new Deno.Command("git", {
        args: [
          "-c",
          `http.extraHeader=${auth}`,
          "-c",
          "user.name=T",
          "-c",
          "user.email=t@example.com",
          ...args,
        ],
        cwd: work,
        stdout: "null",
        stderr: "piped",
      }).output();
      assert.equal(out.code, 0, new TextDecoder().decode(out.stderr));
    };
    await git("clone", "-q", `${hub.bleephub.origin}/admin/hooked.git`, "c");
    await Deno.writeTextFile(`${work}/c/y.txt`, "y\n");
    await git("-C", "c", "add", "y.txt");
    await git("-C", "c", "commit", "-q", "-m", "add y over git");
    await git("-C", "c", "push", "-q", "origin", "HEAD:feature");
    await Deno.remove(work, { recursive: true });
    while (
      !received.some((r) => r.event === "push" && JSON.parse(r.body).ref === "refs/heads/feature")
    ) {
      await nextDelivery(arrived);
    }
    const gitPush = JSON.parse(received.find((r) => r.body.includes("refs/heads/feature"))!.body);
    assert.equal(gitPush.created, true);
    assert.deepEqual(gitPush.commits.map((c: { message: string }) => c.message), [
      "add y over git",
    ]);

    await hub.call("POST", "/repos/admin/hooked/issues", { title: "hello" });
    const issues = JSON.parse((await waitFor("issues")).body);
    assert.equal(issues.action, "opened");
    assert.equal(issues.issue.title, "hello");

    // Records are written right after each POST; give the last one a moment to land.
    let deliveries: { event: string; status_code: number }[] = [];
    for (let i = 0; i < 50 && deliveries.length < 4; i++) {
      const res = await hub.call("GET", `/repos/admin/hooked/hooks/${hook.id}/deliveries`);
      deliveries = await res.json();
      if (deliveries.length < 4) await new Promise((r) => setTimeout(r, 20));
    }
    const seen = deliveries.map((d) => `${d.event} ${d.status_code}`).sort();
    assert.deepEqual(seen, ["issues 200", "ping 200", "push 200", "push 200"]);
  } finally {
    await hub.close();
    await receiver.shutdown();
  }
});

Deno.test("branch creation fires create; a moved PR head fires pull_request synchronize", async () => {
  const events: { event: string; payload: Record<string, unknown> }[] = [];
  const arrived = new EventTarget();
  const receiver = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    events.push({ event: req.headers.get("x-github-event")!, payload: await req.json() });
    arrived.dispatchEvent(new Event("delivery"));
    return new Response("ok");
  });
  const waitFor = async (match: (e: (typeof events)[number]) => boolean) => {
    while (!events.some(match)) {
      await nextDelivery(arrived);
    }
    return events.find(match)!;
  };
  const hub = await startTestHub();
  try {
    await hub.call("POST", "/user/repos", { name: "sync", auto_init: true });
    await hub.call("POST", "/repos/admin/sync/hooks", {
      config: { url: `http://127.0.0.1:${receiver.addr.port}/`, content_type: "json" },
      events: ["create", "pull_request"],
    });
    const main = (await (await hub.call("GET", "/repos/admin/sync/git/ref/heads/main")).json())
      .object.sha;
    await hub.call("POST", "/repos/admin/sync/git/refs", { ref: "refs/heads/topic", sha: main });
    const created = await waitFor((e) => e.event === "create");
    assert.equal(created.payload.ref, "topic");
    assert.equal(created.payload.ref_type, "branch");
    await hub.call("PUT", "/repos/admin/sync/contents/t.txt", {
      message: "t",
      content: btoa("t"),
      branch: "topic",
    });
    await hub.call("POST", "/repos/admin/sync/pulls", { head: "topic", base: "main", title: "T" });
    const put = await hub.call("PUT", "/repos/admin/sync/contents/u.txt", {
      message: "u",
      content: btoa("u"),
      branch: "topic",
    });
    const after = (await put.json()).commit.sha;
    const sync = await waitFor((e) => e.payload.action === "synchronize");
    assert.equal(sync.event, "pull_request");
    assert.equal(sync.payload.after, after);
    assert.equal((sync.payload.pull_request as { head: { sha: string } }).head.sha, after);
  } finally {
    await hub.close();
    await receiver.shutdown();
  }
});

Deno.test("in-process listeners see the events webhooks carry", async () => {
  const hub = await startTestHub();
  try {
    const seen: string[] = [];
    hub.bleephub.hub.events.addEventListener("event", (e) => {
      const { event, payload } = (e as CustomEvent<HubEvent>).detail;
      seen.push(`${event}:${payload.action ?? (payload as { ref?: string }).ref}`);
    });
    await hub.call("POST", "/user/repos", { name: "ev", auto_init: true });
    await hub.call("POST", "/repos/admin/ev/issues", { title: "x" });
    await hub.call("PUT", "/repos/admin/ev/contents/a.txt", { message: "a", content: btoa("a") });
    assert.deepEqual(seen, ["repository:created", "issues:opened", "push:refs/heads/main"]);
  } finally {
    await hub.close();
  }
});

Deno.test("organisation hooks hear events from every repository of the organisation", async () => {
  const received: { event: string; org: string }[] = [];
  const arrived = new EventTarget();
  const receiver = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (req) => {
    const body = await req.json();
    received.push({ event: req.headers.get("x-github-event")!, org: body.organization?.login });
    arrived.dispatchEvent(new Event("delivery"));
    return new Response("ok");
  });
  const hub = await startTestHub();
  try {
    await hub.call("POST", "/admin/organizations", { login: "orgz", admin: "admin" });
    const res = await hub.call("POST", "/orgs/orgz/hooks", {
      config: { url: `http://127.0.0.1:${receiver.addr.port}/`, content_type: "json" },
      events: ["issues"],
    });
    assert.equal(res.status, 201);
    const hook = await res.json();
    assert.equal(hook.type, "Organization");
    assert.match(hook.url, /\/api\/v3\/orgs\/orgz\/hooks\/\d+$/);
    await hub.call("POST", "/orgs/orgz/repos", { name: "one" });
    await hub.call("POST", "/repos/orgz/one/issues", { title: "hi" });
    while (!received.some((r) => r.event === "issues")) await nextDelivery(arrived);
    assert.deepEqual(received.map((r) => r.event), ["ping", "issues"]);
    assert.deepEqual(received.map((r) => r.org), ["orgz", "orgz"]);
    const listed = await (await hub.call("GET", "/orgs/orgz/hooks")).json();
    assert.deepEqual(listed.map((h: { id: number }) => h.id), [hook.id]);
  } finally {
    await hub.close();
    await receiver.shutdown();
  }
});
