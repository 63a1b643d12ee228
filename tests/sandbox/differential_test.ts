/**
 * Differential conformance against Debian's busybox-static: every script in corpus/ runs with
 * `busybox sh` and in the sandbox, and the share that behaves identically (stdout, stderr, exit
 * status, files left behind) must not fall below THRESHOLD. CI installs busybox-static; without
 * it the test is skipped with a loud message.
 */
import assert from "node:assert/strict";
import { busyboxAvailable, corpusNames, runCorpus } from "./differential.ts";

/** The pass ratio reached when this threshold was set; a regression below it fails. */
const THRESHOLD = 0.98;

const available = await busyboxAvailable();
if (!available) {
  console.error(
    "\n!!! tests/sandbox/differential_test.ts SKIPPED: no `busybox` on PATH. " +
      "Install Debian's busybox-static (apt-get install -y busybox-static) to run the differential corpus.\n",
  );
}

Deno.test({
  name: "sandbox matches busybox sh on the differential corpus",
  ignore: !available,
  async fn() {
    const names = await corpusNames();
    assert.ok(names.length >= 400, `corpus has only ${names.length} scripts`);
    const results = await runCorpus(names);
    const failing = results.filter((r) => !r.same).map((r) => r.name);
    const ratio = (results.length - failing.length) / results.length;
    console.log(
      `differential corpus: ${results.length - failing.length}/${results.length} match busybox ` +
        `(${(ratio * 100).toFixed(1)}%, threshold ${(THRESHOLD * 100).toFixed(1)}%)`,
    );
    if (failing.length > 0) console.log(`failing scripts: ${failing.join(" ")}`);
    assert.ok(ratio >= THRESHOLD, `pass ratio ${ratio.toFixed(3)} fell below ${THRESHOLD}`);
  },
});
