import { basename } from "path";
import { loadToolchain, providerInstalled } from "../../core/toolchain/toolchain-manifest";
import { REPO_PROJECT } from "../../testing/repo";

export const GENESYSCLOUD_PROVIDER = "mypurecloud/genesyscloud";

/** Whether `npm run toolchain` installed the genesyscloud provider on this machine. */
export const hasGenesyscloudProvider = providerInstalled(loadToolchain(REPO_PROJECT), GENESYSCLOUD_PROVIDER);

/**
 * `describe` where the genesyscloud provider is installed; elsewhere `describe.skip`
 * and one loud line on stderr naming the file and how to install the provider. The
 * one skip this project allows: no registry or Go module serves that provider here.
 */
const announced = new Set<string>();

export function describeWithGenesyscloud(testFile: string): jest.Describe {
  if (hasGenesyscloudProvider) return describe;
  if (announced.has(testFile)) return describe.skip;
  announced.add(testFile);
  process.stderr.write(
    `\nSKIPPED ${basename(testFile)}: the genesyscloud Terraform provider (${GENESYSCLOUD_PROVIDER}) is not installed, so its ` +
      `tests did not run. Install it from a filesystem mirror (README, "Providers on an air-gapped site") and run \`npm run toolchain\`.\n`,
  );
  return describe.skip;
}
