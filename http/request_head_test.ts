import assert from "node:assert/strict";
import { headEnd, HttpParseError, parseHead } from "./request_head.ts";

const enc = (s: string) => new TextEncoder().encode(s);

Deno.test("headEnd finds CRLF and bare LF blank lines, -1 when incomplete", () => {
  assert.equal(headEnd(enc("GET / HTTP/1.1\r\nHost: x\r\n\r\nbody")), 27);
  assert.equal(headEnd(enc("GET / HTTP/1.1\nHost: x\n\nbody")), 24);
  assert.equal(headEnd(enc("GET / HTTP/1.1\r\nHost: x\r\n")), -1);
});

Deno.test("parseHead reads method, target, version and headers", () => {
  const head = parseHead(
    enc("POST /v1.44/containers/create?name=x HTTP/1.1\r\nContent-Length: 2\r\nX-A: b\r\n\r\n"),
  );
  assert.equal(head.method, "POST");
  assert.equal(head.target, "/v1.44/containers/create?name=x");
  assert.equal(head.minor, 1);
  assert.equal(head.get("content-length"), "2");
  assert.deepEqual(head.fields, [["Content-Length", "2"], ["X-A", "b"]]);
});

Deno.test("parseHead rejects malformed heads with a status", () => {
  const bad = [
    "GET /\r\n\r\n",
    "GET / HTTP/2.0\r\n\r\n",
    "GET ftp://x/ HTTP/1.1\r\n\r\n",
    "GET / HTTP/1.1\r\nBad Header: x\r\n\r\n",
    "G(T / HTTP/1.1\r\n\r\n",
  ];
  for (const text of bad) {
    assert.throws(() => parseHead(enc(text)), HttpParseError, text);
  }
});

Deno.test("absolute-form targets are reduced to their path and query", () => {
  const head = parseHead(enc("GET http://docker/v1.44/containers/json?all=1 HTTP/1.1\r\n\r\n"));
  assert.equal(head.target, "/v1.44/containers/json?all=1");
  assert.equal(parseHead(enc("GET http://docker HTTP/1.1\r\n\r\n")).target, "/");
});
