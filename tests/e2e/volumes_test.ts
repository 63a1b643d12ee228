/**
 * Volumes, bind mounts and tmpfs through the docker CLI 28: volume create/ls/inspect/rm/prune,
 * data that outlives a container and a daemon restart, copy-up and nocopy, read-only mounts,
 * anonymous volumes removed by `rm -v`, and bind mounts refused without `--allow-bind`.
 */
import assert from "node:assert/strict";
import { docker, type RunningTestDaemon, startTestDaemon } from "./harness.ts";

/** Debian's interpreter: the one python3-docker installs into (a pyenv python may shadow it). */
const PYTHON = "/usr/bin/python3";

const SDK_SCRIPT = String.raw`
import os, sys
import docker
client = docker.DockerClient(base_url=os.environ["DOCKER_HOST"])
host = sys.argv[1]
v = client.volumes.create("sdkvol", labels={"via": "sdk"})
assert v.attrs["Mountpoint"].endswith("/volumes/sdkvol/_data"), v.attrs
assert [x.name for x in client.volumes.list(filters={"label": "via=sdk"})] == ["sdkvol"]
c = client.containers.create("alpine", ["sh", "-c", "echo sdk > /d/f; cat /h/in.txt; touch /h/no"],
    volumes={"sdkvol": {"bind": "/d", "mode": "rw"}, host: {"bind": "/h", "mode": "ro"}})
c.start()
assert c.wait()["StatusCode"] == 1
assert c.logs(stdout=True, stderr=False) == b"from host\n", c.logs()
assert b"Read-only file system" in c.logs(stdout=False, stderr=True)
try:
    v.remove()
    raise AssertionError("an in-use volume was removed")
except docker.errors.APIError as e:
    assert e.status_code == 409, e
c.remove()
v.remove()
try:
    client.containers.create("alpine", "true", volumes={"/etc": {"bind": "/e"}})
    raise AssertionError("a bind outside --allow-bind was accepted")
except docker.errors.APIError as e:
    assert e.status_code == 403 and "--allow-bind" in e.explanation, e
print("sdk volumes ok")
`;

async function ok(daemon: RunningTestDaemon, args: string[]): Promise<string> {
  const out = await docker(daemon, args);
  assert.equal(out.code, 0, `docker ${args.join(" ")}: ${out.stderr}`);
  return out.stdout;
}

Deno.test("volumes and mounts through the docker CLI", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "sockerless-volumes-" });
  const dataRoot = `${dir}/data`;
  const hostDir = `${dir}/host`;
  await Deno.mkdir(hostDir);
  let daemon = await startTestDaemon(["--data-root", dataRoot]);
  try {
    await t.step("volume create, ls, inspect with a truthful Mountpoint", async () => {
      assert.equal(
        (await ok(daemon, ["volume", "create", "--label", "team=ci", "cache"])).trim(),
        "cache",
      );
      assert.equal(
        (await ok(daemon, ["volume", "ls", "-q", "-f", "label=team=ci"])).trim(),
        "cache",
      );
      assert.equal((await ok(daemon, ["volume", "ls", "-q", "-f", "name=nomatch"])).trim(), "");
      const [v] = JSON.parse(await ok(daemon, ["volume", "inspect", "cache"]));
      assert.equal(v.Driver, "local");
      assert.equal(v.Scope, "local");
      assert.deepEqual(v.Labels, { team: "ci" });
      assert.equal(v.Mountpoint, `${await Deno.realPath(dataRoot)}/volumes/cache/_data`);
      assert.ok((await Deno.stat(v.Mountpoint)).isDirectory);
    });

    await t.step("data written through -v outlives the container", async () => {
      const since = String(Math.floor(Date.now() / 1000) - 1);
      await ok(daemon, [
        "run",
        "--rm",
        "-v",
        "cache:/cache",
        "alpine",
        "sh",
        "-c",
        "echo kept > /cache/f",
      ]);
      const [v] = JSON.parse(await ok(daemon, ["volume", "inspect", "cache"]));
      assert.equal(await Deno.readTextFile(`${v.Mountpoint}/f`), "kept\n");
      const read = await ok(daemon, ["run", "--rm", "-v", "cache:/c", "alpine", "cat", "/c/f"]);
      assert.equal(read, "kept\n");
      const events = await ok(daemon, [
        "events",
        "--since",
        since,
        "--until",
        String(Math.ceil(Date.now() / 1000) + 1),
        "--filter",
        "type=volume",
        "--format",
        "{{.Action}} {{.Actor.ID}} {{.Actor.Attributes.destination}}",
      ]);
      assert.match(events, /^mount cache \/cache\nunmount cache <no value>\nmount cache \/c\n/m);
    });

    await t.step("read-only mounts refuse writes", async () => {
      const out = await docker(daemon, [
        "run",
        "--rm",
        "-v",
        "cache:/c:ro",
        "alpine",
        "sh",
        "-c",
        "echo x > /c/g",
      ]);
      assert.notEqual(out.code, 0);
      assert.match(out.stderr, /Read-only file system/);
      const viaMount = await docker(daemon, [
        "run",
        "--rm",
        "--mount",
        "type=volume,src=cache,dst=/c,readonly",
        "alpine",
        "rm",
        "/c/f",
      ]);
      assert.notEqual(viaMount.code, 0);
      assert.match(viaMount.stderr, /Read-only file system/);
    });

    await t.step("a new volume gets the image's content; volume-nocopy does not", async () => {
      const copied = await ok(daemon, [
        "run",
        "--rm",
        "-v",
        "etc:/etc",
        "alpine",
        "cat",
        "/etc/passwd",
      ]);
      assert.match(copied, /^root:x:0:0:/);
      const none = await ok(daemon, [
        "run",
        "--rm",
        "--mount",
        "type=volume,src=bare,dst=/etc,volume-nocopy",
        "alpine",
        "ls",
        "-A",
        "/etc",
      ]);
      assert.equal(none, "");
    });

    await t.step("inspect lists Mounts; rm -v removes anonymous volumes only", async () => {
      const id =
        (await ok(daemon, ["create", "-v", "cache:/named", "-v", "/anon", "alpine", "true"]))
          .trim();
      const [c] = JSON.parse(await ok(daemon, ["inspect", id]));
      const byDest = Object.fromEntries(
        c.Mounts.map((m: { Destination: string }) => [m.Destination, m]),
      );
      assert.equal(byDest["/named"].Type, "volume");
      assert.equal(byDest["/named"].Name, "cache");
      assert.equal(byDest["/named"].RW, true);
      const anon = byDest["/anon"].Name;
      assert.match(anon, /^[0-9a-f]{64}$/);
      const inUse = await docker(daemon, ["volume", "rm", "cache"]);
      assert.notEqual(inUse.code, 0);
      assert.match(inUse.stderr, /volume is in use/);
      await ok(daemon, ["rm", "-v", id]);
      const left = (await ok(daemon, ["volume", "ls", "-q"])).trim().split("\n");
      assert.ok(left.includes("cache"));
      assert.ok(!left.includes(anon));
    });

    await t.step(
      "--volumes-from shares another container's volumes, read-only on request",
      async () => {
        const holder = (await ok(daemon, ["create", "-v", "cache:/shared", "alpine", "true"]))
          .trim();
        const out = await docker(daemon, [
          "run",
          "--rm",
          "--volumes-from",
          `${holder}:ro`,
          "alpine",
          "sh",
          "-c",
          "cat /shared/f; touch /shared/no",
        ]);
        assert.equal(out.stdout, "kept\n");
        assert.match(out.stderr, /Read-only file system/);
        assert.notEqual(out.code, 0);
        await ok(daemon, ["rm", holder]);
      },
    );

    await t.step("--tmpfs mounts a size-limited tmpfs", async () => {
      const out = await docker(daemon, [
        "run",
        "--rm",
        "--tmpfs",
        "/scratch:size=64k",
        "alpine",
        "sh",
        "-c",
        "grep ' /scratch ' /proc/mounts; head -c 100000 /dev/zero > /scratch/big",
      ]);
      assert.notEqual(out.code, 0);
      assert.match(out.stdout, /^tmpfs \/scratch tmpfs rw,size=64k/);
      assert.match(out.stderr, /No space left on device/);
    });

    await t.step("bind mounts are refused without --allow-bind", async () => {
      const out = await docker(daemon, ["run", "--rm", "-v", `${hostDir}:/w`, "alpine", "true"]);
      assert.notEqual(out.code, 0);
      assert.match(out.stderr, /bind mount of .* is not allowed.*--allow-bind/);
    });

    await t.step("volumes and their data survive a daemon restart", async () => {
      await daemon.stop();
      daemon = await startTestDaemon(["--data-root", dataRoot, "--allow-bind", hostDir]);
      assert.match(await ok(daemon, ["volume", "ls", "-q"]), /^cache$/m);
      const count = (await ok(daemon, ["volume", "ls", "-q"])).trim().split("\n").length;
      const df = await ok(daemon, ["system", "df", "--format", "{{.Type}}={{.TotalCount}}"]);
      assert.match(df, new RegExp(`^Local Volumes=${count}$`, "m"));
      assert.equal(
        await ok(daemon, ["run", "--rm", "-v", "cache:/c", "alpine", "cat", "/c/f"]),
        "kept\n",
      );
    });

    await t.step(
      "with --allow-bind, a bind mount reads and writes the host directory",
      async () => {
        await Deno.writeTextFile(`${hostDir}/in.txt`, "from host\n");
        await Deno.symlink("/", `${hostDir}/escape`);
        const out = await ok(daemon, [
          "run",
          "--rm",
          "-v",
          `${hostDir}:/w`,
          "alpine",
          "sh",
          "-c",
          "cat /w/in.txt; echo from container > /w/out.txt; ls /w/escape/",
        ]);
        assert.match(out, /^from host\n/);
        // An absolute symlink on the bind source resolves in the container's root (as on
        // Linux), which has the mount point /w; it never reaches the host's root.
        assert.match(out, /\nw\n$/);
        assert.equal(await Deno.readTextFile(`${hostDir}/out.txt`), "from container\n");
        // A volume inside a bind nests over it whatever the order they were given in.
        await ok(daemon, [
          "run",
          "--rm",
          "-v",
          "nested:/w/cache",
          "-v",
          `${hostDir}:/w`,
          "alpine",
          "sh",
          "-c",
          "echo c > /w/cache/x",
        ]);
        const [nested] = JSON.parse(await ok(daemon, ["volume", "inspect", "nested"]));
        assert.equal(await Deno.readTextFile(`${nested.Mountpoint}/x`), "c\n");
        await assert.rejects(Deno.stat(`${hostDir}/cache/x`), Deno.errors.NotFound);
        const outside = await docker(daemon, ["run", "--rm", "-v", "/etc:/e", "alpine", "true"]);
        assert.notEqual(outside.code, 0);
        assert.match(outside.stderr, /outside the --allow-bind paths/);
      },
    );

    await t.step("Debian's python3-docker creates, mounts, lists and removes volumes", async () => {
      const probe = await new Deno.Command(PYTHON, { args: ["-c", "import docker"] }).output();
      assert.ok(probe.success, `${PYTHON} cannot import docker: apt-get install -y python3-docker`);
      const run = await new Deno.Command(PYTHON, {
        args: ["-c", SDK_SCRIPT, hostDir],
        env: { DOCKER_HOST: daemon.env.DOCKER_HOST },
        stdout: "piped",
        stderr: "piped",
      }).output();
      const stderr = new TextDecoder().decode(run.stderr);
      assert.ok(run.success, stderr);
      assert.equal(new TextDecoder().decode(run.stdout), "sdk volumes ok\n");
    });

    await t.step("volume rm and prune", async () => {
      await ok(daemon, ["volume", "create", "spare"]);
      await ok(daemon, ["volume", "rm", "spare"]);
      const missing = await docker(daemon, ["volume", "inspect", "spare"]);
      assert.notEqual(missing.code, 0);
      await ok(daemon, ["create", "-v", "/pruned-anon", "alpine", "true"]);
      const pruned = await ok(daemon, ["volume", "prune", "-af"]);
      // The anonymous volume is still used by the created container; the others go.
      assert.match(pruned, /Deleted Volumes:\n(?:.*\n)*cache\n/);
      const left = (await ok(daemon, ["volume", "ls", "-q"])).trim().split("\n");
      assert.equal(left.length, 1);
      assert.match(left[0], /^[0-9a-f]{64}$/);
    });
  } finally {
    await daemon.stop();
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
});
