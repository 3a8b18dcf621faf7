#!/usr/bin/env node
"use strict";
// The CLI is TypeScript compiled to dist/; point at the build step rather than at a stack trace.
const fs = require("fs");
const path = require("path");

const entry = path.join(__dirname, "..", "dist", "cli", "hybrid.js");
if (!fs.existsSync(entry)) {
  process.stderr.write(`hybrid: ${path.relative(process.cwd(), entry) || entry} not found: run \`npm run build\` first\n`);
  process.exit(2); // a setup error (README, "Exit codes")
}
require(entry).main();
