import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { run } from "./cli/harness.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

it("shows in the README exactly what `rpmspec-lint` prints for the example spec", async () => {
  const readme = readFileSync(path.join(root, "README.md"), "utf8");
  const command = "npx rpmspec-lint specs-corpus/_readme/python-example.spec";
  const afterCommand = readme.slice(readme.indexOf(command));
  const shown = /```text\n([\s\S]*?)```/.exec(afterCommand)?.[1];
  expect(shown, "the README shows the output in a ```text block after the command").toBeDefined();

  const result = await run(["specs-corpus/_readme/python-example.spec"], { cwd: root });
  expect(result.status).toBe(1);
  expect(result.stdout.trimStart()).toBe(shown);
});
