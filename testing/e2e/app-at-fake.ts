/**
 * The tenants app as main.ts builds it, with every org pointed at a Genesys Cloud double
 * (HYBRID_TEST_GENESYS_URL, the "double" deployment target). For end-to-end tests and
 * benchmarks that drive the real `cdktf deploy`; production synthesis never reads that variable.
 */
import { loadTenantsFile } from "../../core/config/tenants-file";
import { loopbackOrigin } from "../../core/genesys/loopback";
import { Project } from "../../core/project";
import { synthesize } from "../../stacks/synthesize";

const url = process.env.HYBRID_TEST_GENESYS_URL;
if (!url || loopbackOrigin(url) === undefined) {
  throw new Error(`HYBRID_TEST_GENESYS_URL must be the loopback URL of a Genesys Cloud double, got "${url ?? ""}"`);
}
const project = Project.require(process.cwd(), "the test app");
void synthesize(loadTenantsFile(project.tenantsFile(process.cwd(), process.env)), { kind: "double", url });
