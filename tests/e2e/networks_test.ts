/**
 * Networks through the docker CLI 28: network create/ls/inspect/connect/disconnect/rm/prune with
 * IPAM and its errors, and real connectivity between sandbox containers over the virtual
 * network (busybox httpd served to wget by name, alias and short id; nslookup; ping; nc), no
 * route without a shared network, /etc/hosts with --add-host and --link, and a published port
 * reached from the host.
 */
import assert from "node:assert/strict";
import { docker, type RunningTestDaemon, startTestDaemon } from "./harness.ts";

async function ok(daemon: RunningTestDaemon, args: string[]): Promise<string> {
  const out = await docker(daemon, args);
  assert.equal(out.code, 0, `docker ${args.join(" ")}: ${out.stderr}`);
  return out.stdout;
}

async function fails(daemon: RunningTestDaemon, args: string[], pattern: RegExp): Promise<void> {
  const out = await docker(daemon, args);
  assert.notEqual(out.code, 0, `docker ${args.join(" ")} succeeded: ${out.stdout}`);
  assert.match(out.stderr, pattern);
}

/** A free host port: bound by the OS, then released for the daemon to take. */
function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

const SERVE = "mkdir -p /www && echo hello-from-web > /www/index.html && httpd -f -p 80 -h /www";

Deno.test("networks and connectivity through the docker CLI", async (t) => {
  const daemon = await startTestDaemon();
  const since = String(Math.floor(Date.now() / 1000) - 1);
  try {
    await t.step("predefined networks, create with IPAM, inspect in moby's shape", async () => {
      assert.deepEqual(
        (await ok(daemon, ["network", "ls", "--format", "{{.Name}} {{.Driver}}"])).trim().split(
          "\n",
        ),
        ["bridge bridge", "host host", "none null"],
      );
      await ok(daemon, ["network", "create", "--label", "team=ci", "n1"]);
      await ok(daemon, [
        "network",
        "create",
        "--subnet",
        "10.77.0.0/24",
        "--gateway",
        "10.77.0.254",
        "n2",
      ]);
      const [n1] = JSON.parse(await ok(daemon, ["network", "inspect", "n1"]));
      assert.equal(n1.Driver, "bridge");
      assert.equal(n1.Scope, "local");
      assert.deepEqual(n1.Labels, { team: "ci" });
      assert.deepEqual(n1.IPAM.Config, [{ Subnet: "172.18.0.0/16", Gateway: "172.18.0.1" }]);
      const [n2] = JSON.parse(await ok(daemon, ["network", "inspect", "n2"]));
      assert.deepEqual(n2.IPAM.Config, [{ Subnet: "10.77.0.0/24", Gateway: "10.77.0.254" }]);
      const [bridge] = JSON.parse(await ok(daemon, ["network", "inspect", "bridge"]));
      assert.equal(bridge.IPAM.Config[0].Subnet, "172.17.0.0/16");
      assert.equal(
        (await ok(daemon, ["network", "ls", "-q", "--filter", "label=team=ci"])).trim(),
        n1.Id.slice(0, 12),
      );
    });

    await t.step("bad input: clear errors and nothing half-made", async () => {
      await fails(daemon, ["network", "create", "--subnet", "10.77.0.0/16", "x1"], /overlaps/);
      await fails(daemon, ["network", "create", "--subnet", "10.0.0.300/24", "x2"], /invalid CIDR/);
      await fails(daemon, ["network", "create", "--subnet", "10.1.0.1/24", "x3"], /host bits set/);
      await fails(daemon, ["network", "create", "n1"], /network with name n1 already exists/);
      await fails(daemon, ["network", "rm", "bridge"], /pre-defined network and cannot be removed/);
      await fails(
        daemon,
        ["run", "--rm", "--network", "nope", "alpine", "true"],
        /network nope not found/,
      );
      await fails(
        daemon,
        ["run", "--rm", "--network", "host", "alpine", "true"],
        /host network is not supported/,
      );
      await fails(
        daemon,
        ["run", "--rm", "--ip", "172.17.0.9", "alpine", "true"],
        /user defined networks only/,
      );
      const names = (await ok(daemon, ["network", "ls", "--format", "{{.Name}}"])).trim().split(
        "\n",
      );
      assert.deepEqual(names, ["bridge", "host", "n1", "n2", "none"]);
    });

    await t.step("httpd reached by name, alias and short id; nslookup and ping", async () => {
      const id = (await ok(daemon, [
        "run",
        "-d",
        "--name",
        "web",
        "--network",
        "n1",
        "--network-alias",
        "www",
        "alpine",
        "sh",
        "-c",
        SERVE,
      ])).trim();
      const script = `for h in web www ${id.slice(0, 12)}; do
        until wget -q -O - http://$h/ 2>/dev/null; do sleep 0.2; done; done
        nslookup www; ping -c 1 web; grep nameserver /etc/resolv.conf`;
      const out = await ok(daemon, [
        "run",
        "--rm",
        "--network",
        "n1",
        "alpine",
        "sh",
        "-c",
        script,
      ]);
      assert.equal(out.match(/hello-from-web/g)?.length, 3, out);
      assert.match(out, /Server:\t\t127\.0\.0\.11/);
      assert.match(out, /^nameserver 127\.0\.0\.11$/m);
      assert.match(out, /Name:\twww\nAddress: 172\.18\.0\.2\n/);
      assert.match(
        out,
        /PING web \(172\.18\.0\.2\): ICMP is not available.*reachable on the virtual network/,
      );
      const missing = await docker(daemon, [
        "run",
        "--rm",
        "--network",
        "n1",
        "alpine",
        "wget",
        "-q",
        "-O",
        "-",
        "http://web/nope",
      ]);
      assert.equal(missing.code, 1);
      assert.match(missing.stderr, /wget: server returned error: HTTP\/1\.1 404 Not Found/);
    });

    await t.step("no shared network, no route", async () => {
      const byName = await docker(daemon, [
        "run",
        "--rm",
        "alpine",
        "wget",
        "-q",
        "-O",
        "-",
        "http://web/",
      ]);
      assert.equal(byName.code, 1);
      assert.match(byName.stderr, /wget: bad address 'web'/);
      const byIp = await docker(daemon, ["run", "--rm", "alpine", "nc", "-z", "172.18.0.2", "80"]);
      assert.equal(byIp.code, 1);
      assert.match(byIp.stderr, /Host is unreachable/);
      const ping = await docker(daemon, ["run", "--rm", "alpine", "ping", "-c", "1", "172.18.0.2"]);
      assert.equal(ping.code, 1);
      assert.match(ping.stdout, /unreachable on the virtual network/);
    });

    await t.step("connect, connect twice, disconnect, rm in use, static --ip", async () => {
      await ok(daemon, [
        "run",
        "-d",
        "--name",
        "other",
        "--network",
        "n2",
        "--ip",
        "10.77.0.9",
        "alpine",
        "sleep",
        "60",
      ]);
      const settings = JSON.parse(
        await ok(daemon, ["inspect", "-f", "{{json .NetworkSettings.Networks}}", "other"]),
      );
      assert.equal(settings.n2.IPAddress, "10.77.0.9");
      assert.equal(settings.n2.Gateway, "10.77.0.254");
      assert.deepEqual(settings.n2.IPAMConfig, { IPv4Address: "10.77.0.9" });
      await ok(daemon, ["network", "connect", "--alias", "side", "n1", "other"]);
      await fails(daemon, ["network", "connect", "n1", "other"], /already exists in network n1/);
      const out = await ok(daemon, [
        "exec",
        "other",
        "sh",
        "-c",
        "wget -q -O - http://web/ && nslookup side | tail -2",
      ]);
      assert.match(out, /hello-from-web\n/);
      assert.match(out, /Address: 172\.18\.0\.\d+/);
      await fails(daemon, ["network", "rm", "n1"], /has active endpoints/);
      await ok(daemon, ["network", "disconnect", "n1", "other"]);
      const after = await docker(daemon, ["exec", "other", "wget", "-q", "-O", "-", "http://web/"]);
      assert.equal(after.code, 1, "a disconnected container still reached web");
      const [n1] = JSON.parse(await ok(daemon, ["network", "inspect", "n1"]));
      assert.deepEqual(Object.values(n1.Containers).map((c) => (c as { Name: string }).Name), [
        "web",
      ]);
    });

    await t.step("/etc/hosts: own address, --add-host, --link on the default bridge", async () => {
      await ok(daemon, [
        "run",
        "-d",
        "--name",
        "srv",
        "--expose",
        "9000",
        "-e",
        "SECRET=s1",
        "alpine",
        "sh",
        "-c",
        "echo linked | nc -l -p 9000",
      ]);
      await ok(daemon, [
        "run",
        "-d",
        "--name",
        "linker",
        "--link",
        "srv:backend",
        "alpine",
        "sleep",
        "60",
      ]);
      const viaExec = await ok(daemon, [
        "exec",
        "linker",
        "sh",
        "-c",
        "echo $BACKEND_PORT_9000_TCP_PORT",
      ]);
      assert.equal(viaExec, "9000\n", "an exec gets the link environment too");
      const out = await ok(daemon, [
        "run",
        "--rm",
        "--add-host",
        "db.example:10.1.2.3",
        "--link",
        "srv:backend",
        "alpine",
        "sh",
        "-c",
        "cat /etc/hosts; env | grep ^BACKEND_ | sort; until nc backend 9000; do sleep 0.2; done",
      ]);
      // moby's legacy link environment.
      assert.match(out, /^BACKEND_ENV_SECRET=s1$/m);
      assert.match(out, /^BACKEND_NAME=\/[a-z0-9_]+\/backend$/m);
      assert.match(out, /^BACKEND_PORT=tcp:\/\/172\.17\.0\.\d+:9000$/m);
      assert.match(out, /^BACKEND_PORT_9000_TCP_ADDR=172\.17\.0\.\d+$/m);
      assert.match(out, /^BACKEND_PORT_9000_TCP_PORT=9000$/m);
      assert.match(out, /^BACKEND_PORT_9000_TCP_PROTO=tcp$/m);
      assert.match(out, /^10\.1\.2\.3\tdb\.example$/m);
      assert.match(out, /^172\.17\.0\.\d+\tbackend [0-9a-f]{12} srv$/m);
      assert.match(out, /^172\.17\.0\.\d+\t[0-9a-f]{12}$/m);
      assert.match(out, /^linked$/m);
    });

    await t.step(
      "a published port reaches the container's listener; a taken port is refused",
      async () => {
        const port = freePort();
        await ok(daemon, [
          "run",
          "-d",
          "--name",
          "pub",
          "-p",
          `${port}:80`,
          "alpine",
          "sh",
          "-c",
          SERVE,
        ]);
        let body = "";
        for (let i = 0; i < 50 && body !== "hello-from-web\n"; i++) {
          body = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.text(), () => "");
          if (body !== "hello-from-web\n") await new Promise((r) => setTimeout(r, 100));
        }
        assert.equal(body, "hello-from-web\n");
        const byPort = await ok(daemon, [
          "ps",
          "--filter",
          `publish=${port}`,
          "--format",
          "{{.Names}}",
        ]);
        assert.equal(byPort.trim(), "pub");
        const byExpose = await ok(daemon, [
          "ps",
          "--filter",
          "expose=80-81/tcp",
          "--format",
          "{{.Names}}",
        ]);
        assert.equal(byExpose.trim(), "pub");
        const byNetwork = await ok(daemon, [
          "ps",
          "--filter",
          "network=n1",
          "--format",
          "{{.Names}}",
        ]);
        assert.equal(byNetwork.trim(), "web");
        // A restart gives the port back and takes it again.
        await ok(daemon, ["restart", "-t", "1", "pub"]);
        let again = "";
        for (let i = 0; i < 50 && again !== body; i++) {
          again = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.text(), () => "");
          if (again !== body) await new Promise((r) => setTimeout(r, 100));
        }
        assert.equal(again, body);
        assert.equal((await ok(daemon, ["port", "pub", "80"])).trim(), `0.0.0.0:${port}`);
        await fails(
          daemon,
          ["run", "-d", "--name", "pub2", "-p", `${port}:80`, "alpine", "true"],
          /port is already allocated/,
        );
        assert.equal(
          (await ok(daemon, ["inspect", "-f", "{{.State.Status}}", "pub2"])).trim(),
          "created",
        );
        await ok(daemon, ["rm", "-f", "pub"]);
        const refused = await fetch(`http://127.0.0.1:${port}/`).then(
          () => "answered",
          (e) => String(e),
        );
        assert.notEqual(
          refused,
          "answered",
          "the host port still listens after the container is gone",
        );
      },
    );

    await t.step("rm and prune", async () => {
      await ok(daemon, ["rm", "-f", "web", "other", "srv", "pub2", "linker"]);
      await ok(daemon, ["network", "rm", "n2"]);
      assert.match(await ok(daemon, ["network", "prune", "-f"]), /n1/);
      assert.deepEqual(
        (await ok(daemon, ["network", "ls", "--format", "{{.Name}}"])).trim().split("\n"),
        ["bridge", "host", "none"],
      );
    });

    await t.step(
      "network events: create, connect at start, disconnect at stop, destroy",
      async () => {
        const until = String(Math.floor(Date.now() / 1000) + 1);
        const out = await ok(daemon, [
          "events",
          "--since",
          since,
          "--until",
          until,
          "--filter",
          "type=network",
          "--filter",
          "network=n1",
          "--format",
          "{{.Action}} {{.Actor.Attributes.name}} {{.Actor.Attributes.container}}",
        ]);
        const actions = out.trim().split("\n").map((l) => l.split(" ")[0]);
        assert.equal(actions[0], "create", out);
        assert.equal(actions.at(-1), "destroy", out);
        const web = (await ok(daemon, ["ps", "-aq", "--no-trunc"])).trim();
        assert.equal(web, "", "containers were left behind");
        assert.ok(actions.filter((a) => a === "connect").length >= 3, out);
        assert.ok(actions.filter((a) => a === "disconnect").length >= 3, out);
        assert.match(out, /^connect n1 [0-9a-f]{64}$/m);
      },
    );
  } finally {
    await daemon.stop();
  }
});
