/**
 * The files every differential script starts with, written into its work directory both on the
 * host (for busybox) and in the sandbox.
 *
 * @module
 */

export const SEED_FILES: Record<string, string> = {
  "lines.txt": "alpha\nbeta\ngamma\ndelta\nepsilon\nzeta\neta\ntheta\n",
  "nums.txt": "10\n2\n33\n4\n15\n2\n",
  "words.txt": "the quick brown fox\njumps over the lazy dog\nThe end\n",
  "data.csv": "name,age,city\nalice,30,paris\nbob,25,berlin\ncarol,35,paris\ndave,40,rome\n",
  "log.txt":
    "2024-01-01 INFO start\n2024-01-01 WARN disk low\n2024-01-02 ERROR failed to open\n2024-01-02 INFO done\n2024-01-03 ERROR timeout\n",
  "config.ini": "[main]\nkey=value\nname = test\n# comment\n[other]\nkey=2\n",
  "table.txt": "id\tname\tscore\n1\tann\t90\n2\tben\t85\n3\tcid\t70\n",
  "dup.txt": "a\na\nb\nc\nc\nc\nd\na\n",
  "nonl.txt": "no newline at end",
  "empty.txt": "",
  "dir/a.txt": "a\n",
  "dir/b.log": "bb\n",
  "dir/sub/c.txt": "ccc\n",
  "dir/sub/deep/d.md": "# d\n",
};
