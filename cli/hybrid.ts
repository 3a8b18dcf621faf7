import { processContext } from "./context";
import { run } from "./program";

/** The `hybrid` executable (bin/hybrid.js): the process's arguments, environment and terminal. */
export function main(): void {
  void run(process.argv.slice(2), processContext()).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) main();
