/**
 * The folders are the layers, and imports only point down, to any layer below (README, "Layout"):
 *
 *   cli/                 main.ts          toolchain/
 *   services/ (export, doctor, adopt, plan, sandbox, demo)
 *   stacks/              genesys-cloud-double/
 *   constructs/
 *   core/ (config, certs, genesys, contract, terraform, redaction, toolchain manifest, project)
 *
 * testing/, scripts/, benchmarks/ and __tests__/ sit above all of them; product code never
 * imports them. No import cycle anywhere. `npm test` runs these rules (__tests__/architecture/).
 */
const PRODUCT = "^(core|constructs|stacks|genesys-cloud-double|services|cli|toolchain)/|^main\\.ts$";

/** Files under `from` may import, of the project's own files, only those under `allowed`. */
function only(name, from, allowed) {
  return {
    name,
    severity: "error",
    comment: `${from} may import only ${allowed.join(", ")}`,
    from: { path: from },
    to: { dependencyTypes: ["local"], pathNot: allowed.map((a) => `^${a}`) },
  };
}

module.exports = {
  forbidden: [
    { name: "no-cycles", severity: "error", comment: "no import cycle, anywhere", from: {}, to: { circular: true } },
    only("core-is-the-bottom", "^core/", ["core/"]),
    only("constructs-on-core", "^constructs/", ["constructs/", "core/", "\\.gen/"]),
    only("stacks-on-constructs", "^stacks/", ["stacks/", "constructs/", "core/", "\\.gen/"]),
    only("double-on-core", "^genesys-cloud-double/", ["genesys-cloud-double/", "core/"]),
    only("services-on-stacks", "^services/", ["services/", "stacks/", "constructs/", "core/", "genesys-cloud-double/", "\\.gen/"]),
    only("cli-on-services", "^cli/", ["cli/", "services/", "stacks/", "constructs/", "genesys-cloud-double/", "core/", "\\.gen/", "package\\.json$"]),
    only("app-on-stacks", "^main\\.ts$", ["stacks/", "core/"]),
    only("toolchain-on-core", "^toolchain/", ["toolchain/", "core/"]),
    {
      name: "product-not-on-tests",
      severity: "error",
      comment: "product code never imports testing/, scripts/, benchmarks/ or __tests__/",
      from: { path: PRODUCT },
      to: { path: "^(testing|scripts|benchmarks|__tests__)/" },
    },
    {
      name: "helpers-not-on-tests",
      severity: "error",
      comment: "testing/, scripts/ and benchmarks/ never import __tests__/",
      from: { path: "^(testing|scripts|benchmarks)/" },
      to: { path: "^__tests__/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|dist|\\.build|cdktf\\.out)/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
  },
};
