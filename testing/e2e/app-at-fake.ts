/**
 * The tenants app as main.ts builds it, with every org's provider pointed at a
 * Genesys Cloud double (HYBRID_TEST_GENESYS_URL). For end-to-end tests and
 * benchmarks that drive the real `cdktf deploy`; production synthesis never
 * reads that variable.
 */
import { App } from "cdktf";
import { loadTenantsFile, tenantsFilePath } from "../../core/config/tenants-file";
import { addTenantStacksAtFake } from "./tenant-stacks-at-fake";

const url = process.env.HYBRID_TEST_GENESYS_URL;
if (!url || !/^http:\/\/127\.0\.0\.1:\d+$/.test(url)) {
  throw new Error(`HYBRID_TEST_GENESYS_URL must be the loopback URL of a Genesys Cloud double, got "${url ?? ""}"`);
}
const app = new App();
addTenantStacksAtFake(app, loadTenantsFile(tenantsFilePath()), url);
app.synth();
