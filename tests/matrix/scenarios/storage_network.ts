/**
 * Volumes, bind mounts, networks and published ports.
 *
 * @module
 */
import { IMAGE, type Scenario } from "../scenario.ts";

const SERVE = "mkdir -p /www && echo hello-from-web > /www/index.html && httpd -f -p 80 -h /www";

/** A free host port: bound by the OS, then released for the daemon to take. */
function freePort(): number {
  const l = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (l.addr as Deno.NetAddr).port;
  l.close();
  return port;
}

export const storageNetworkScenarios: Scenario[] = [
  {
    name: "`volume create/ls/inspect/rm`",
    async run(s) {
      const name = s.name("vol");
      await s.ok(["volume", "create", "--label", "team=ci", name], `${name}\n`);
      await s.ok(["volume", "ls", "-q", "--filter", `name=${name}`], `${name}\n`);
      await s.ok(["volume", "inspect", "-f", "{{.Driver}} {{.Labels.team}}", name], "local ci\n");
      await s.ok(["volume", "rm", name], `${name}\n`);
    },
  },
  {
    name: "`run -v VOLUME:/path`: data outlives the container; `:ro` refuses writes",
    async run(s) {
      const name = s.name("data");
      await s.ok(["run", "--rm", "-v", `${name}:/c`, IMAGE, "sh", "-c", "echo kept > /c/f"]);
      await s.ok(["run", "--rm", "-v", `${name}:/c`, IMAGE, "cat", "/c/f"], "kept\n");
      await s.expect(["run", "--rm", "-v", `${name}:/c:ro`, IMAGE, "sh", "-c", "echo x > /c/g"], {
        code: 1,
        stderr: /Read-only file system/,
      });
      await s.ok(["volume", "rm", name]);
    },
  },
  {
    name: "bind mount (`-v HOSTDIR:/w`, daemon started with `--allow-bind`)",
    async run(s) {
      const dir = `${s.work}/${s.name("bind")}`;
      await Deno.mkdir(dir);
      await Deno.writeTextFile(`${dir}/in.txt`, "from host\n");
      await s.ok(
        [
          "run",
          "--rm",
          "-v",
          `${dir}:/w`,
          IMAGE,
          "sh",
          "-c",
          "cat /w/in.txt; echo back > /w/out.txt",
        ],
        "from host\n",
      );
      s.assert(
        await Deno.readTextFile(`${dir}/out.txt`).catch(() => "") === "back\n",
        "the container's write did not reach the host directory",
      );
    },
  },
  {
    name: "`network create/ls/inspect/rm`",
    async run(s) {
      const name = s.name("net");
      await s.ok(["network", "create", "--subnet", "10.79.0.0/24", name], /^[0-9a-f]{64}\n$/);
      await s.ok(
        ["network", "ls", "--filter", `name=${name}`, "--format", "{{.Name}} {{.Driver}}"],
        `${name} bridge\n`,
      );
      await s.ok(
        ["network", "inspect", "-f", "{{(index .IPAM.Config 0).Subnet}}", name],
        "10.79.0.0/24\n",
      );
      await s.ok(["network", "rm", name], `${name}\n`);
    },
  },
  {
    name: "containers on a user network reach each other by name and alias",
    async run(s) {
      const net = s.name("n");
      const web = s.name("web");
      await s.ok(["network", "create", net]);
      await s.ok([
        "run",
        "-d",
        "--name",
        web,
        "--network",
        net,
        "--network-alias",
        "www",
        IMAGE,
        "sh",
        "-c",
        SERVE,
      ]);
      const fetchBoth = `for h in ${web} www; do i=0; until wget -q -O - http://$h/ 2>/dev/null; do
        i=$((i+1)); [ $i -gt 100 ] && exit 1; sleep 0.2; done; done`;
      await s.ok(
        ["run", "--rm", "--network", net, IMAGE, "sh", "-c", fetchBoth],
        "hello-from-web\nhello-from-web\n",
      );
      await s.ok(["rm", "-f", web]);
      await s.ok(["network", "rm", net]);
    },
  },
  {
    name: "published port (`-p HOST:80`) reached from the host; `port`",
    async run(s) {
      const name = s.name("pub");
      const port = freePort();
      await s.ok(["run", "-d", "--name", name, "-p", `${port}:80`, IMAGE, "sh", "-c", SERVE]);
      let body = "";
      for (let i = 0; i < 100 && body !== "hello-from-web\n"; i++) {
        body = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.text(), () => "");
        if (body !== "hello-from-web\n") await new Promise((r) => setTimeout(r, 100));
      }
      s.assert(
        body === "hello-from-web\n",
        `GET 127.0.0.1:${port} answered ${JSON.stringify(body)}`,
      );
      await s.ok(["port", name, "80"], `0.0.0.0:${port}\n`);
      await s.ok(["rm", "-f", name]);
    },
  },
];
