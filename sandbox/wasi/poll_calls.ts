/**
 * `poll_oneoff` and `sched_yield`, awaiting instead of spinning (browser_wasi_shim busy-waits
 * for clock subscriptions, which would freeze the whole sandbox during a `sleep`).
 *
 * @module
 */
import { wasi } from "@bjorn3/browser_wasi_shim";
import { call, type Guest, view } from "./guest.ts";

const SUBSCRIPTION_SIZE = 48;
const EVENT_SIZE = 32;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal.throwIfAborted();
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

interface Subscription {
  userdata: bigint;
  type: number;
  /** Clock subscriptions: milliseconds from now until they fire. */
  waitMs: number;
}

function readSubscriptions(guest: Guest, ptr: number, count: number): Subscription[] {
  const v = view(guest);
  const subscriptions: Subscription[] = [];
  for (let i = 0; i < count; i++) {
    const at = ptr + i * SUBSCRIPTION_SIZE;
    const type = v.getUint8(at + 8);
    let waitMs = 0;
    if (type === wasi.EVENTTYPE_CLOCK) {
      const clock = v.getUint32(at + 16, true);
      const timeoutNs = v.getBigUint64(at + 24, true);
      const absolute =
        (v.getUint16(at + 40, true) & wasi.SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME) !== 0;
      const nowNs = clock === wasi.CLOCKID_REALTIME
        ? BigInt(Date.now()) * 1_000_000n
        : BigInt(Math.round(performance.now() * 1e6));
      const remaining = absolute ? timeoutNs - nowNs : timeoutNs;
      waitMs = Math.max(0, Number(remaining / 1_000_000n));
    }
    subscriptions.push({ userdata: v.getBigUint64(at, true), type, waitMs });
  }
  return subscriptions;
}

export function pollCalls(guest: Guest) {
  return {
    poll_oneoff: (input: number, output: number, count: number, nevents: number) =>
      call(async () => {
        if (count === 0) return wasi.ERRNO_INVAL;
        const subscriptions = readSubscriptions(guest, input, count);
        // Files and stdio are reported ready at once: a read may then wait, which is what a
        // blocking read would do anyway.
        let ready = subscriptions.filter((s) => s.type !== wasi.EVENTTYPE_CLOCK);
        if (ready.length === 0) {
          const soonest = Math.min(...subscriptions.map((s) => s.waitMs));
          await sleep(soonest, guest.signal);
          ready = subscriptions.filter((s) => s.waitMs <= soonest);
        }
        const v = view(guest);
        ready.forEach((s, i) => {
          const at = output + i * EVENT_SIZE;
          new Uint8Array(v.buffer, at, EVENT_SIZE).fill(0);
          v.setBigUint64(at, s.userdata, true);
          v.setUint16(at + 8, wasi.ERRNO_SUCCESS, true);
          v.setUint8(at + 10, s.type);
        });
        v.setUint32(nevents, ready.length, true);
      }),
    sched_yield: () => call(() => sleep(0, guest.signal)),
  };
}
