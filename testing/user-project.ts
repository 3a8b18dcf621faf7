import { readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_MARKER } from "../core/project";
import { REPO_PROJECT, REPO_ROOT } from "./repo";

/**
 * Makes `dir` a project of a user's, as `hybrid` and `cdktf` find one: a cdktf.json whose
 * app is this repository's compiled main.ts (dist/, `npm run build`), with the same provider
 * pins, and the repository's toolchain (a symbolic link to its `.toolchain/`, so no test
 * builds providers again).
 */
export function makeUserProject(dir: string): void {
  const repo = JSON.parse(readFileSync(join(REPO_ROOT, PROJECT_MARKER), "utf8")) as { terraformProviders: string[] };
  writeFileSync(
    join(dir, PROJECT_MARKER),
    JSON.stringify({
      language: "typescript",
      app: `${JSON.stringify(process.execPath)} ${JSON.stringify(join(REPO_ROOT, "dist", "main.js"))}`,
      sendCrashReports: "false",
      terraformProviders: repo.terraformProviders,
    }),
  );
  symlinkSync(REPO_PROJECT.toolchainDir, join(dir, ".toolchain"));
}
