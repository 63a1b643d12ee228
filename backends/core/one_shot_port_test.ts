import assert from "node:assert/strict";
import { closeReceived, postOnce, receiveOnce } from "./one_shot_port.ts";

/** Resolves when `port` is closed by anyone (the sender's end is closed by postOnce itself). */
function closing(port: MessagePort): Promise<void> {
  const closed = Promise.withResolvers<void>();
  const close = port.close.bind(port);
  port.close = () => {
    close();
    closed.resolve();
  };
  return closed.promise;
}

function within<T>(promise: Promise<T>, what: string, ms = 5_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

Deno.test("one-shot port: the message arrives, then both ends are closed", async () => {
  const { port1, port2 } = new MessageChannel();
  const senderClosed = closing(port1);
  const receiverClosed = closing(port2);
  const received = Promise.withResolvers<unknown>();
  postOnce(port1, { status: 3 });
  receiveOnce(port2, received.resolve);
  assert.deepEqual(await within(received.promise, "delivery"), { status: 3 });
  await within(receiverClosed, "the receiver's close");
  await within(senderClosed, "the sender's close");
});

Deno.test("one-shot port: posted while the receiving end is being transferred, it still arrives", async () => {
  const { port1, port2 } = new MessageChannel();
  const senderClosed = closing(port1);
  postOnce(port1, { status: 0 });
  const moved = structuredClone(port2, { transfer: [port2] });
  const received = Promise.withResolvers<unknown>();
  receiveOnce(moved, received.resolve);
  assert.deepEqual(await within(received.promise, "delivery"), { status: 0 });
  await within(senderClosed, "the sender's close");
});

Deno.test("one-shot port: a receiver that gives up lets the sender close after it posts", async () => {
  const { port1, port2 } = new MessageChannel();
  const senderClosed = closing(port1);
  closeReceived(port2);
  postOnce(port1, { status: 1 });
  await within(senderClosed, "the sender's close");
});
