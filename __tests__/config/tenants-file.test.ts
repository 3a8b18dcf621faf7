import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  loadTenantsFile,
  TenantsFileError,
  type TenantConfig,
} from "../../core/config";
import { ACME_ID, BASE_DIR, fileText, parse } from "./helpers";

const PROJECT_ROOT = path.resolve(__dirname, "../..");

describe("the example tenants.yaml", () => {
  it("loads acme (eu-west-1) and globex (us-east-1) without problems or warnings", () => {
    // given the tenants.yaml at the project root
    const file = path.join(PROJECT_ROOT, "tenants.yaml");

    // when it is loaded
    const loaded = loadTenantsFile(file);

    // then both tenants come back, paths resolved against the file's folder
    expect(loaded.path).toBe(file);
    expect(loaded.warnings).toEqual([]);
    expect(loaded.tenants.map((t) => [t.name, t.region])).toEqual([
      ["acme", "eu-west-1"],
      ["globex", "us-east-1"],
    ]);
    const [acme, globex] = loaded.tenants as [TenantConfig, TenantConfig];
    expect(acme.saml.certificate).toBe(path.join(PROJECT_ROOT, "certs/acme/cert.pem"));
    expect(acme.backend).toEqual({ type: "local", path: path.join(PROJECT_ROOT, "state/acme.tfstate") });
    expect(globex.saml.issuer).toBe("https://engage.globex.example/pureengage");
    expect(globex.saml2BearerClient.accessTokenValiditySeconds).toBe(43200);
    expect(globex.backend).toEqual({ type: "pg", schemaName: "hybrid_globex" });
  });
});

describe("defaults", () => {
  it("fills every optional field of a minimal tenant", () => {
    // given a tenant with only the required fields
    const text = fileText((d) => delete d.tenants.globex);

    // when it is parsed
    const [acme] = parse(text).tenants;

    // then the documented defaults apply; the region-derived URLs stay undefined for the construct
    const expected: TenantConfig = {
      name: "acme",
      region: "eu-west-1",
      organization: { id: ACME_ID, shortName: "acme", domainSuffix: "com" },
      saml: {
        issuer: "https://engage.acme.example/pureengage",
        certificate: path.join(BASE_DIR, "certs/acme/cert.pem"),
        expireTimeHours: 24,
        identityProviderName: "Genesys Engage",
      },
      pacingClient: {
        name: "PureEngage Client Credentials",
        description: "Agent Pacing Service (ewt) for Genesys Engage",
        accessTokenValiditySeconds: 86400,
        roles: ["admin"],
      },
      saml2BearerClient: {
        name: "PureEngage SAML2 Bearer",
        description: "Workspace Desktop Edition SAML2 Bearer token exchange",
        accessTokenValiditySeconds: 86400,
        scopes: ["journey", "users:readonly", "organization:readonly"],
      },
      roleGrant: { roleName: "employee" },
      preventDestroy: true,
      backend: { type: "local", path: path.join(BASE_DIR, "state/acme.tfstate") },
    };
    expect(acme).toStrictEqual(expected);
    expect(acme).not.toHaveProperty("saml.ssoTargetUri");
    expect(acme).not.toHaveProperty("saml2BearerClient.authorizedRedirectUris");
  });

  it("merges the defaults block under every tenant, the tenant's values winning", () => {
    // given defaults for suffix, expiry and scopes, and acme overriding two of them
    const text = fileText((d) => {
      d.defaults = {
        organization: { domainSuffix: "de" },
        saml: { expireTimeHours: 8, identityProviderName: "Engage EU" },
        saml2BearerClient: { scopes: ["journey", "users:readonly"] },
        preventDestroy: false,
      };
      d.tenants.acme.saml.expireTimeHours = 12;
      d.tenants.acme.saml2BearerClient = { scopes: ["journey"] };
    });

    // when it is parsed
    const [acme, globex] = parse(text).tenants as [TenantConfig, TenantConfig];

    // then acme keeps its own values, fills the rest from defaults; lists are replaced, not concatenated
    expect(acme.organization.domainSuffix).toBe("de");
    expect(acme.saml.expireTimeHours).toBe(12);
    expect(acme.saml.identityProviderName).toBe("Engage EU");
    expect(acme.saml.issuer).toBe("https://engage.acme.example/pureengage");
    expect(acme.saml2BearerClient.scopes).toEqual(["journey"]);
    expect(acme.preventDestroy).toBe(false);
    // and globex takes the defaults as they are
    expect(globex.saml.expireTimeHours).toBe(8);
    expect(globex.saml2BearerClient.scopes).toEqual(["journey", "users:readonly"]);
  });

  it("lets defaults supply a field a tenant would otherwise be missing", () => {
    // given the region set only in defaults
    const text = fileText((d) => {
      d.defaults = { region: "eu-central-1" };
      delete d.tenants.acme.region;
    });

    // when it is parsed, then acme gets the defaults' region and globex keeps its own
    expect(parse(text).tenants.map((t) => t.region)).toEqual(["eu-central-1", "us-east-1"]);
  });

  it("replaces a defaults backend of another type instead of mixing their fields", () => {
    // given local state with a path by default, and globex on pg
    const text = fileText((d) => {
      d.defaults = { backend: { type: "pg", schemaName: "ignored_by_local" } };
      d.tenants.acme.backend = { type: "local", path: "elsewhere/acme.tfstate" };
      d.tenants.globex.backend = { schemaName: "globex_state" };
    });

    // when it is parsed
    const [acme, globex] = parse(text).tenants as [TenantConfig, TenantConfig];

    // then acme's local backend replaces the defaults' pg one; globex merges into it
    expect(acme.backend).toEqual({ type: "local", path: path.join(BASE_DIR, "elsewhere/acme.tfstate") });
    expect(globex.backend).toEqual({ type: "pg", schemaName: "globex_state" });
  });

  it("names a pg schema after the tenant, dashes turned into underscores", () => {
    // given a dashed tenant name on pg without a schema name
    const text = fileText((d) => {
      d.tenants["acme-emea"] = { ...d.tenants.acme, backend: { type: "pg" } };
      delete d.tenants.acme;
    });

    // when it is parsed, then the schema is hybrid_acme_emea
    expect(parse(text).tenants[0]?.backend).toEqual({ type: "pg", schemaName: "hybrid_acme_emea" });
  });

  it("treats an empty YAML value as not set", () => {
    // given optional blocks left empty (everything below them commented out)
    const text = [
      "defaults:",
      "tenants:",
      "  acme:",
      "    region: eu-west-1",
      `    organization: { id: ${ACME_ID}, shortName: acme }`,
      "    saml: { issuer: https://engage.acme.example/pureengage, certificate: certs/acme/cert.pem }",
      "    pacingClient:",
      "      # roles: [admin, supervisor]",
      "    roleGrant:",
    ].join("\n");

    // when it is parsed, then the defaults apply as if the blocks were absent
    const [acme] = parse(text).tenants;
    expect(acme?.pacingClient.roles).toEqual(["admin"]);
    expect(acme?.roleGrant.roleName).toBe("employee");
  });

  it("keeps absolute certificate and state paths as they are", () => {
    // given absolute paths
    const text = fileText((d) => {
      d.tenants.acme.saml.certificate = "/etc/hybrid/acme.pem";
      d.tenants.acme.backend = { type: "local", path: "/var/lib/hybrid/acme.tfstate" };
    });

    // when it is parsed, then they are untouched
    const [acme] = parse(text).tenants;
    expect(acme?.saml.certificate).toBe("/etc/hybrid/acme.pem");
    expect(acme?.backend).toEqual({ type: "local", path: "/var/lib/hybrid/acme.tfstate" });
  });
});

describe("order", () => {
  it("returns tenants sorted by name whatever their order in the file", () => {
    // given tenants written in reverse order, including one whose name sorts between them
    const text = fileText((d) => {
      d.tenants = {
        zeta: { ...d.tenants.globex, organization: { id: "00000000-0000-4000-8000-00000000000a", shortName: "zeta" }, saml: { issuer: "urn:zeta:idp", certificate: "z.pem" } },
        globex: d.tenants.globex,
        acme: d.tenants.acme,
      };
    });

    // when it is parsed twice, then the order is by name and identical each time
    const names = parse(text).tenants.map((t) => t.name);
    expect(names).toEqual(["acme", "globex", "zeta"]);
    expect(parse(text)).toEqual(parse(text));
  });

  it("lists problems in the same order on every run, tenants by name", () => {
    // given problems in two tenants written out of order
    const text = fileText((d) => {
      d.tenants = { globex: { ...d.tenants.globex, region: "nowhere-1" }, acme: { ...d.tenants.acme, region: "nowhere-2" } };
    });

    // when it is parsed, then acme's problem comes first
    expect(() => parse(text)).toThrow(/tenants\.acme\.region[^\n]*\n[^\n]*tenants\.globex\.region/);
  });
});


describe("loadTenantsFile", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "tenants-file-"));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("resolves relative paths against the file's own folder, not the working directory", () => {
    // given a tenants file in a sub-folder
    fs.mkdirSync(path.join(dir, "config"));
    const file = path.join(dir, "config", "tenants.yaml");
    fs.writeFileSync(file, fileText());

    // when it is loaded
    const loaded = loadTenantsFile(file);

    // then the certificate and state paths hang off config/
    expect(loaded.tenants[0]?.saml.certificate).toBe(path.join(dir, "config/certs/acme/cert.pem"));
    expect(loaded.tenants[0]?.backend).toEqual({ type: "local", path: path.join(dir, "config/state/acme.tfstate") });
  });

  it("reports a missing file with its path and how to point HYBRID_CONFIG elsewhere", () => {
    // given no file
    const file = path.join(dir, "tenants.yaml");

    // when it is loaded, then the error names the path, the reason and both fixes
    expect(() => loadTenantsFile(file)).toThrow(TenantsFileError);
    expect(() => loadTenantsFile(file)).toThrow(
      new RegExp(`${escape(file)}[\\s\\S]*not found; create it .* or set HYBRID_CONFIG to your tenants file's path`),
    );
  });

  it("reports a directory given as the tenants file", () => {
    expect(() => loadTenantsFile(dir)).toThrow(new RegExp(`${escape(dir)}[\\s\\S]*is a directory[\\s\\S]*HYBRID_CONFIG`));
  });

  it("names the file in validation problems", () => {
    // given an invalid file on disk
    const file = path.join(dir, "tenants.yaml");
    fs.writeFileSync(file, "tenants:\n  acme: {region: eu-west-9}\n");

    // when it is loaded, then the header names the absolute path
    expect(() => loadTenantsFile(file)).toThrow(new RegExp(`^${escape(file)}: \\d+ problems in the tenants file:\\n`));
  });
});

describe("warnings", () => {
  it("warns when the SSO target or a redirect URI lies outside the tenant's region", () => {
    // given acme in eu-west-1 pointing at the us-east-1 apps URL
    const text = fileText((d) => {
      d.tenants.acme.saml.ssoTargetUri = "https://apps.mypurecloud.com";
      d.tenants.acme.saml2BearerClient = { authorizedRedirectUris: ["https://apps.mypurecloud.com", "https://apps.mypurecloud.ie"] };
    });

    // when it is parsed
    const { warnings, tenants } = parse(text);

    // then it loads, with one warning per URL outside mypurecloud.ie, each naming the fix
    expect(tenants[0]?.saml.ssoTargetUri).toBe("https://apps.mypurecloud.com");
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(
      /^tenants\.acme\.saml\.ssoTargetUri: "https:\/\/apps\.mypurecloud\.com" is outside region eu-west-1's domain mypurecloud\.ie; .*use https:\/\/apps\.mypurecloud\.ie or leave it out$/,
    );
    expect(warnings[1]).toMatch(/^tenants\.acme\.saml2BearerClient\.authorizedRedirectUris: "https:\/\/apps\.mypurecloud\.com" is outside/);
  });

  it("warns when the Predictive Engagement permissions go to a role other than employee", () => {
    const text = fileText((d) => (d.tenants.globex.roleGrant = { roleName: "AI Agent" }));
    expect(parse(text).warnings).toEqual([
      expect.stringMatching(/^tenants\.globex\.roleGrant\.roleName: "AI Agent" .*auto-provisioned users get the employee role.*use employee/),
    ]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
