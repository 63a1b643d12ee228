/**
 * Listeners through real clients: mutual TLS on TCP with the docker CLI's --tlsverify, refusal
 * of plain TCP without --insecure-tcp, and a prompt stop on SIGTERM.
 */
import assert from "node:assert/strict";

const root = new URL("../../", import.meta.url);

async function run(cmd: string, args: string[], env: Record<string, string> = {}) {
  const out = await new Deno.Command(cmd, { args, env, stdout: "piped", stderr: "piped" }).output();
  const decoder = new TextDecoder();
  return { code: out.code, stdout: decoder.decode(out.stdout), stderr: decoder.decode(out.stderr) };
}

/** A CA, a server certificate for 127.0.0.1 and a client certificate, made with openssl. */
async function makeCertificates(dir: string) {
  const openssl = async (...args: string[]) => {
    const out = await run("openssl", args);
    if (out.code !== 0) throw new Error(`openssl ${args[0]} failed: ${out.stderr}`);
  };
  await openssl(
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    `${dir}/ca-key.pem`,
    "-out",
    `${dir}/ca.pem`,
    "-days",
    "2",
    "-subj",
    "/CN=sockerless-test-ca",
  );
  for (const [name, usage] of [["server", "serverAuth"], ["client", "clientAuth"]]) {
    await openssl(
      "req",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      `${dir}/${name}-key.pem`,
      "-out",
      `${dir}/${name}.csr`,
      "-subj",
      `/CN=${name}`,
    );
    await Deno.writeTextFile(
      `${dir}/${name}.ext`,
      `subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=${usage}\n`,
    );
    await openssl(
      "x509",
      "-req",
      "-in",
      `${dir}/${name}.csr`,
      "-CA",
      `${dir}/ca.pem`,
      "-CAkey",
      `${dir}/ca-key.pem`,
      "-CAcreateserial",
      "-out",
      `${dir}/${name}.pem`,
      "-days",
      "2",
      "-extfile",
      `${dir}/${name}.ext`,
    );
  }
}

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = listener.addr.port;
  listener.close();
  return port;
}

function daemon(args: string[]) {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "main.ts", ...args],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  }).spawn();
}

async function waitForTcp(port: number) {
  for (let i = 0; i < 300; i++) {
    try {
      (await Deno.connect({ hostname: "127.0.0.1", port })).close();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`nothing listens on ${port}`);
}

Deno.test("a tcp:// listener with mutual TLS serves the docker CLI and refuses clients without a certificate", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sockerless-tls-" });
  await makeCertificates(dir);
  const port = freePort();
  const child = daemon([
    "--host",
    `tcp://127.0.0.1:${port}`,
    "--data-root",
    `${dir}/data`,
    "--tls-cert",
    `${dir}/server.pem`,
    "--tls-key",
    `${dir}/server-key.pem`,
    "--tls-ca",
    `${dir}/ca.pem`,
  ]);
  try {
    await waitForTcp(port);
    await Deno.mkdir(`${dir}/client`);
    for (
      const [from, to] of [["ca.pem", "ca.pem"], ["client.pem", "cert.pem"], [
        "client-key.pem",
        "key.pem",
      ]]
    ) {
      await Deno.copyFile(`${dir}/${from}`, `${dir}/client/${to}`);
    }
    const env = { DOCKER_CONFIG: `${dir}/client`, DOCKER_CLI_HINTS: "false" };
    const ok = await run("docker", [
      "--tlsverify",
      "--tlscacert",
      `${dir}/client/ca.pem`,
      "--tlscert",
      `${dir}/client/cert.pem`,
      "--tlskey",
      `${dir}/client/key.pem`,
      "-H",
      `tcp://127.0.0.1:${port}`,
      "version",
      "--format",
      "{{.Server.APIVersion}}",
    ], env);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout.trim(), "1.44");
    // Without a client certificate (and a config dir that holds none the CLI could pick up).
    await Deno.mkdir(`${dir}/empty`);
    const refused = await run("docker", [
      "--tls",
      "--tlscacert",
      `${dir}/client/ca.pem`,
      "-H",
      `tcp://127.0.0.1:${port}`,
      "version",
    ], { DOCKER_CONFIG: `${dir}/empty`, DOCKER_CERT_PATH: `${dir}/empty` });
    assert.notEqual(refused.code, 0);
    assert.doesNotMatch(refused.stdout, /API version:\s+1\.44/);
  } finally {
    child.kill("SIGTERM");
    await child.output();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("plain TCP is refused without --insecure-tcp, and SIGTERM stops the daemon promptly", async () => {
  const dir = await Deno.makeTempDir({ prefix: "sockerless-tcp-" });
  try {
    const port = freePort();
    const refused = await daemon([
      "--host",
      `tcp://127.0.0.1:${port}`,
      "--data-root",
      `${dir}/data`,
    ]).output();
    assert.equal(refused.code, 1);
    assert.match(
      new TextDecoder().decode(refused.stderr),
      /refusing tcp:\/\/127\.0\.0\.1:\d+ without mutual TLS/,
    );

    const child = daemon([
      "--host",
      `tcp://127.0.0.1:${port}`,
      "--insecure-tcp",
      "--data-root",
      `${dir}/data`,
    ]);
    await waitForTcp(port);
    const version = await run("docker", [
      "-H",
      `tcp://127.0.0.1:${port}`,
      "version",
      "--format",
      "{{.Server.Os}}",
    ], {
      DOCKER_CONFIG: dir,
    });
    assert.equal(version.stdout.trim(), "linux", version.stderr);
    const started = performance.now();
    child.kill("SIGTERM");
    const status = await child.status;
    assert.equal(status.code, 0);
    // Promptly: well inside the 10 s the daemon allows itself to stop its backend.
    assert.ok(performance.now() - started < 9000);
    await child.stdout.cancel();
    await child.stderr.cancel();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
