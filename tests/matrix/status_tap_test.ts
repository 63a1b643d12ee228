import assert from "node:assert/strict";
import { refusalScanner, startStatusTap } from "./status_tap.ts";

const encode = (s: string) => new TextEncoder().encode(s);

Deno.test("the scanner finds 501 messages split across reads, and nothing else", () => {
  const seen: string[] = [];
  const scan = refusalScanner((m) => seen.push(m));
  const replies = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}" +
    'HTTP/1.1 404 Not Found\r\nContent-Length: 17\r\n\r\n{"message":"nope"}' +
    'HTTP/1.1 501 Not Implemented\r\nContent-Type: application/json\r\n\r\n{"message":"ecs backend cannot do \\"x\\""}' +
    'HTTP/1.1 501 Not Implemented\r\nTransfer-Encoding: chunked\r\n\r\n1a\r\n{"message":"lambda: no"}\r\n0\r\n\r\n';
  for (let at = 0; at < replies.length; at += 7) scan(encode(replies.slice(at, at + 7)));
  assert.deepEqual(seen, ['ecs backend cannot do "x"', "lambda: no"]);
});

Deno.test("the tap relays both ways, forwards a half-close and notes a 501", async () => {
  const dir = await Deno.makeTempDir({ prefix: "status-tap-" });
  const daemon = Deno.listen({ transport: "unix", path: `${dir}/daemon.sock` });
  const serving = (async () => {
    const conn = await daemon.accept();
    let request = "";
    const buffer = new Uint8Array(1024);
    for (let n; (n = await conn.read(buffer)) !== null;) {
      request += new TextDecoder().decode(buffer.subarray(0, n));
    }
    // The client's half-close arrived: answer after it, as a hijacked stream would.
    const body = JSON.stringify({ message: `refused ${request.length}` });
    await conn.write(
      encode(`HTTP/1.1 501 Not Implemented\r\nContent-Length: ${body.length}\r\n\r\n${body}`),
    );
    conn.close();
  })();
  const tap = startStatusTap(() => `${dir}/daemon.sock`, `${dir}/tap.sock`);
  try {
    const client = await Deno.connect({ transport: "unix", path: tap.socket });
    await client.write(encode("GET /x HTTP/1.1\r\n\r\n"));
    await client.closeWrite();
    const reply = await new Response(client.readable).text();
    await serving;
    assert.match(reply, /^HTTP\/1\.1 501 [^]*\{"message":"refused 19"\}$/);
    assert.deepEqual(tap.refusals, [{ seq: 1, message: "refused 19" }]);
  } finally {
    await tap.close();
    daemon.close();
    await Deno.remove(dir, { recursive: true });
  }
});
