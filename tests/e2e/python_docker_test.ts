/**
 * The memory backend through Debian's python3-docker (the Docker SDK for Python, 5.0.x): run
 * with output, detach and a following log stream, exec_run, put_archive/get_archive, top, stats,
 * wait and remove. The script is written to a temp dir and run by Debian's /usr/bin/python3 with
 * DOCKER_HOST pointing at the test daemon.
 */
import assert from "node:assert/strict";
import { startTestDaemon } from "./harness.ts";

/** Debian's interpreter: the one python3-docker installs into (a pyenv python may shadow it). */
const PYTHON = "/usr/bin/python3";

const SCRIPT = String.raw`
import io, os, tarfile
import docker

client = docker.DockerClient(base_url=os.environ["DOCKER_HOST"])
print("sdk", docker.__version__)

# no registry is reachable here: the pull stands the built-in root filesystem in, loudly
image = client.images.pull("alpine", tag="latest")
assert image.labels.get("io.sockerless.builtin") == "true", image.labels

# run with output, stdout and stderr apart. Not containers.run(): it reads
# HostConfig.LogConfig.Type, which the memory backend's inspect does not send yet.
hello = client.containers.create("alpine", ["sh", "-c", "echo hi; echo err >&2; exit 3"])
hello.start()
assert hello.wait()["StatusCode"] == 3
assert hello.logs(stdout=True, stderr=False) == b"hi\n"
assert hello.logs(stdout=False, stderr=True) == b"err\n"
hello.remove()

# detach, then follow the logs while the container still prints
ticker = client.containers.run(
    "alpine", ["sh", "-c", "for i in 1 2 3; do echo l$i; sleep 1; done"], detach=True)
chunks, status_at_first = [], None
for chunk in ticker.logs(stream=True, follow=True):
    chunks.append(chunk)
    if status_at_first is None:
        ticker.reload()
        status_at_first = ticker.status
assert b"".join(chunks) == b"l1\nl2\nl3\n", chunks
assert status_at_first == "running", status_at_first
assert ticker.wait()["StatusCode"] == 0

# exec_run with an exit code, and with a working directory and environment.
# docker-py reads hijacked output from the raw socket after http.client parsed the 101 head, so
# bytes that arrive in the same read as the head are lost; the daemon starts an attached exec
# only once the head is written, as dockerd does, and these execs print at once.
box = client.containers.run("alpine", ["sleep", "1000"], detach=True, name="pybox")
result = box.exec_run(["sh", "-c", "echo ex; exit 4"])
assert (result.exit_code, result.output) == (4, b"ex\n"), result
result = box.exec_run(["sh", "-c", "echo $GREETING; pwd"],
                      environment={"GREETING": "hey"}, workdir="/tmp")
assert (result.exit_code, result.output) == (0, b"hey\n/tmp\n"), result

# put_archive / get_archive
payload = b"payload\n"
buffer = io.BytesIO()
with tarfile.open(fileobj=buffer, mode="w") as tar:
    info = tarfile.TarInfo("p.txt")
    info.size = len(payload)
    info.mode = 0o640
    tar.addfile(info, io.BytesIO(payload))
assert box.put_archive("/tmp", buffer.getvalue())
assert box.exec_run(["sh", "-c", "sleep 0.5; cat /tmp/p.txt"]).output == payload
bits, stat = box.get_archive("/tmp/p.txt")
with tarfile.open(fileobj=io.BytesIO(b"".join(bits))) as tar:
    member = tar.getmember("p.txt")
    assert tar.extractfile(member).read() == payload
    assert member.mode & 0o777 == 0o640, oct(member.mode)
assert (stat["name"], stat["size"], stat["mode"] & 0o777) == ("p.txt", len(payload), 0o640), stat

# top and stats
top = box.top()
assert top["Titles"][:3] == ["UID", "PID", "PPID"], top
assert top["Processes"][0][-1] == "sleep 1000", top
stats = box.stats(stream=False)
assert stats["pids_stats"]["current"] == 1, stats
assert stats["name"] == "/pybox", stats

# remove
box.remove(force=True)
ticker.remove()
left = [c.name for c in client.containers.list(all=True)]
assert left == [], left
print("ok")
`;

Deno.test("python3-docker drives the memory backend", async () => {
  const probe = await new Deno.Command(PYTHON, { args: ["-c", "import docker"], stderr: "piped" })
    .output().catch(() => undefined);
  if (!probe?.success) {
    throw new Error(
      `${PYTHON} cannot import docker: install Debian's python3-docker ` +
        "(apt-get install -y python3-docker)",
    );
  }
  const daemon = await startTestDaemon();
  const dir = await Deno.makeTempDir({ prefix: "sockerless-py-" });
  try {
    await Deno.writeTextFile(`${dir}/flow.py`, SCRIPT);
    const run = await new Deno.Command(PYTHON, {
      args: [`${dir}/flow.py`],
      env: { DOCKER_HOST: daemon.env.DOCKER_HOST },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const stdout = new TextDecoder().decode(run.stdout);
    const stderr = new TextDecoder().decode(run.stderr);
    assert.equal(run.code, 0, `${stdout}\n${stderr}\n${daemon.logs().slice(-2000)}`);
    assert.match(stdout, /^sdk 5\.\d+\.\d+\nok\n$/);
  } finally {
    await daemon.stop();
    await Deno.remove(dir, { recursive: true });
  }
});
