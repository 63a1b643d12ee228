import assert from "node:assert/strict";
import { imageHistory, inspectImage } from "./inspect.ts";
import { addTestImage, withTempStore } from "./test_utils.ts";

Deno.test("inspect renders Docker's image JSON", async () => {
  await withTempStore(async (store) => {
    const image = await addTestImage(store, {
      tags: ["localhost:5000/app:v1"],
      labels: { a: "b" },
      cmd: ["/bin/sh", "-c", "echo hi"],
      layers: [{ x: "1" }, { y: "2" }],
    });
    const json = inspectImage(store.get(image.id)!);
    assert.equal(json.Id, image.id);
    assert.deepEqual(json.RepoTags, ["localhost:5000/app:v1"]);
    assert.equal(json.Created, "2024-01-01T00:00:00Z");
    assert.equal(json.Architecture, "amd64");
    assert.equal(json.Os, "linux");
    assert.deepEqual(json.Config.Cmd, ["/bin/sh", "-c", "echo hi"]);
    assert.deepEqual(json.Config.Env, ["PATH=/bin"]);
    assert.deepEqual(json.Config.Labels, { a: "b" });
    assert.equal(json.Config.WorkingDir, "");
    assert.equal(json.Config.Entrypoint, null);
    assert.deepEqual(json.RootFS, { Type: "layers", Layers: image.layers.map((l) => l.diffId) });
    assert.equal(json.Size, image.layers[0].uncompressedSize + image.layers[1].uncompressedSize);
    assert.match(json.Metadata.LastTagTime, /^\d{4}-/);
    // API 1.44 still carries the deprecated build-container fields (gone in 1.45); an image
    // built without one shows them empty, as dockerd 25 does. docker-compose v1 reads them.
    assert.equal(json.Container, "");
    assert.equal(json.ContainerConfig.Cmd, null);
    assert.equal(json.ContainerConfig.Volumes, null);
  });
});

Deno.test("history is newest first, with the ID and tags on the top entry", async () => {
  await withTempStore(async (store) => {
    const image = await addTestImage(store, { tags: ["app"], layers: [{ x: "1" }, { y: "22" }] });
    const history = imageHistory(store.get(image.id)!);
    assert.deepEqual(history.map((h) => h.CreatedBy), ["layer 1", "layer 0"]);
    assert.equal(history[0].Id, image.id);
    assert.deepEqual(history[0].Tags, ["app:latest"]);
    assert.equal(history[1].Id, "<missing>");
    assert.equal(history[1].Tags, null);
    assert.equal(history[0].Size, image.layers[1].uncompressedSize);
    assert.equal(history[0].Created, Date.parse("2024-01-01T00:00:00Z") / 1000);
  });
});
