/**
 * Images: pull from a real registry (Debian's docker-registry seeded with busybox), run what was
 * pulled, tag and push, build with the classic builder, save and load, commit, images and rmi.
 *
 * @module
 */
import { IMAGE, type Scenario } from "../scenario.ts";
import { Mismatch, type Session } from "../session.ts";

function registry(s: Session): string {
  if (!s.target.registry) {
    throw new Mismatch("no registry: apt-get install -y docker-registry skopeo busybox-static");
  }
  return s.target.registry;
}

export const imageScenarios: Scenario[] = [
  {
    name: "`pull` from a registry",
    async run(s) {
      const image = `${registry(s)}/busybox:latest`;
      await s.ok(["pull", image], new RegExp(`\\n${image}\\n$`));
    },
  },
  {
    name: "`run` a pulled image: its Env and WorkingDir apply",
    async run(s) {
      const image = `${registry(s)}/busybox:latest`;
      await s.ok(["pull", "-q", image]);
      await s.ok(["run", "--rm", image, "sh", "-c", 'echo "$GREETING"; pwd'], "hello\n/home\n");
    },
  },
  {
    name: "`images`, `image inspect`, `tag`, `rmi`",
    async run(s) {
      const tag = `${s.name("tagged")}:1`;
      await s.ok(["pull", "-q", IMAGE]);
      await s.ok(["image", "inspect", "-f", "{{.Os}}", IMAGE], "linux\n");
      await s.ok(["tag", IMAGE, tag], "");
      await s.ok(["images", "--format", "{{.Repository}}:{{.Tag}}", tag], `${tag}\n`);
      await s.ok(["rmi", tag], `Untagged: ${tag}\n`);
    },
  },
  {
    name: "`push` to a registry",
    async run(s) {
      const source = `${registry(s)}/busybox:latest`;
      const target = `${registry(s)}/${s.name("pushed")}:v1`;
      await s.ok(["pull", "-q", source]);
      await s.ok(["tag", source, target]);
      await s.ok(["push", target], /v1: digest: sha256:[0-9a-f]{64} size: \d+/);
    },
  },
  {
    name: "`build` (classic builder: FROM, RUN, COPY, CMD), then run it",
    async run(s) {
      const context = `${s.work}/${s.name("ctx")}`;
      const tag = `${s.name("built")}:1`;
      await Deno.mkdir(context);
      await Deno.writeTextFile(`${context}/f.txt`, "copied\n");
      await Deno.writeTextFile(
        `${context}/Dockerfile`,
        `FROM ${IMAGE}\nRUN echo built > /built.txt\nCOPY f.txt /f.txt\nCMD ["cat", "/built.txt", "/f.txt"]\n`,
      );
      await s.ok(["build", "-q", "-t", tag, context], /^sha256:[0-9a-f]{64}\n$/, {
        env: { DOCKER_BUILDKIT: "0" },
      });
      await s.ok(["run", "--rm", tag], "built\ncopied\n");
    },
  },
  {
    name: "`commit` a container's changes, then run the new image",
    async run(s) {
      const name = s.name("commit");
      const tag = `${s.name("committed")}:1`;
      await s.ok(["run", "--name", name, IMAGE, "sh", "-c", "echo c > /data.txt"]);
      await s.ok(
        ["commit", "-c", 'CMD ["cat", "/data.txt"]', name, tag],
        /^sha256:[0-9a-f]{64}\n$/,
      );
      await s.ok(["run", "--rm", tag], "c\n");
      await s.ok(["rm", name]);
    },
  },
  {
    name: "`save` and `load` round trip",
    async run(s) {
      const tag = `${s.name("saved")}:1`;
      const archive = `${s.work}/${s.name("images")}.tar`;
      await s.ok(["pull", "-q", IMAGE]);
      await s.ok(["tag", IMAGE, tag]);
      await s.ok(["save", "-o", archive, tag], "");
      await s.ok(["rmi", tag]);
      await s.ok(["load", "-i", archive], new RegExp(`Loaded image: ${tag}\\n`));
      await s.ok(["run", "--rm", tag, "echo", "loaded"], "loaded\n");
    },
  },
];
