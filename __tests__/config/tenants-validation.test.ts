import { TenantsFileError } from "../../core/config";
import { ACME_ID, fileText, GLOBEX_ID, parse, problemsOf } from "./helpers";

/*
 * Each rejected value must come back as one line naming the tenant and the dotted
 * field, showing the value received, and saying what to write instead.
 */

describe("YAML and file structure", () => {
  it("reports a YAML syntax error with the file name, line and column", () => {
    const text = "tenants:\n  acme:\n    region: [eu-west-1\n    saml: {}\n";
    expect(() => parse(text)).toThrow(TenantsFileError);
    expect(() => parse(text)).toThrow(/^tenants\.yaml: tenants\.yaml:\d+:\d+: YAML syntax error: .+; fix the YAML at that position$/);
  });

  it("reports a tenant defined twice as a duplicate key, with its position", () => {
    const text = fileText() + `  acme:\n    region: eu-west-1\n`;
    expect(() => parse(text)).toThrow(/tenants\.yaml:\d+:3: duplicate key: .*tenant name.* appears twice.*merge or rename/);
  });

  it("reports an empty file", () => {
    expect(() => parse("")).toThrow(/the file is empty; add a tenants: mapping/);
    expect(() => parse("# nothing yet\n")).toThrow(/the file is empty; add a tenants: mapping/);
  });

  it("reports a file without tenants", () => {
    expect(() => parse("defaults:\n  region: eu-west-1\n")).toThrow(/tenants: missing; add tenants: a mapping from tenant name to that tenant's settings/);
  });

  it("reports an empty tenants mapping", () => {
    expect(() => parse("tenants: {}\n")).toThrow(/tenants: is empty; use a mapping from tenant name/);
  });

  it("reports a document that is not a mapping", () => {
    expect(() => parse("- acme\n- globex\n")).toThrow(/top level: \["acme","globex"\] is a list, expected a mapping; use a mapping with tenants:/);
  });

  it("reports a tenant whose settings are not a mapping", () => {
    const text = fileText((d) => (d.tenants.initech = "eu-west-1"));
    expect(() => parse(text)).toThrow(/tenants\.initech: "eu-west-1" is a string, expected a mapping; use a mapping of the tenant's settings/);
  });

  it("reports an unknown top-level key, suggesting the known one", () => {
    const text = fileText((d) => ((d as Record<string, unknown>).default = { region: "eu-west-1" }));
    expect(() => parse(text)).toThrow(/^tenants\.yaml: default: unknown key "default" \(did you mean "defaults"\?\); rename or remove it; known keys: defaults, tenants/);
  });
});

describe("tenant names", () => {
  it.each([
    ["Acme", "uppercase"],
    ["acme_emea", "underscore"],
    ["1acme", "leading digit"],
    ["acme-", "trailing dash"],
    ["acme--emea", "double dash"],
    ["a", "too short"],
    ["a".repeat(41), "too long"],
  ])("rejects %j (%s), naming the rule", (name) => {
    const text = fileText((d) => (d.tenants[name] = d.tenants.acme));
    expect(() => parse(text)).toThrow(
      new RegExp(`tenants\\.${name}: tenant name "${name}" is not valid; use 2 to 40 lowercase letters, digits and single dashes, starting with a letter`),
    );
  });

  it("accepts dashed names of up to 40 characters", () => {
    const name = `a${"-b".repeat(19)}c`;
    const text = fileText((d) => {
      d.tenants = { [name]: d.tenants.acme };
    });
    expect(parse(text).tenants[0]?.name).toBe(name);
  });
});

describe("tenant fields", () => {
  it("reports an unknown region, suggesting the closest and listing all", () => {
    const text = fileText((d) => (d.tenants.acme.region = "eu-west-9"));
    expect(() => parse(text)).toThrow(
      /tenants\.acme\.region: unknown region "eu-west-9" \(did you mean eu-west-1 or eu-west-2\?\); use one of: ap-northeast-1, .*, us-west-2 \(line 3\)/,
    );
  });

  it("reports each missing required field with what to put there", () => {
    const problems = problemsOf(fileText((d) => (d.tenants.acme = { saml: {} })));
    expect(problems).toEqual([
      expect.stringMatching(/^tenants\.acme\.region: missing; add region: the Genesys Cloud region .* e\.g\. eu-west-1/),
      expect.stringMatching(/^tenants\.acme\.organization: missing; add organization: .*id and shortName/),
      expect.stringMatching(/^tenants\.acme\.saml\.issuer: missing; add issuer: an absolute http\(s\) URL/),
      expect.stringMatching(/^tenants\.acme\.saml\.certificate: missing; add certificate: the path of the tenant's SAML cert\.pem/),
    ]);
  });

  it("reports an organization id that is not a UUID", () => {
    const text = fileText((d) => (d.tenants.acme.organization.id = "acme-org"));
    expect(() => parse(text)).toThrow(
      /tenants\.acme\.organization\.id: "acme-org" is not valid; use a UUID like [0-9a-f-]{36}: the Organization ID from Genesys Cloud Admin/,
    );
  });

  it("reports a short name that cannot be part of a domain", () => {
    const text = fileText((d) => (d.tenants.acme.organization.shortName = "acme corp"));
    expect(() => parse(text)).toThrow(/tenants\.acme\.organization\.shortName: "acme corp" is not valid; use the organization Short Name .* letters, digits and inner dashes/);
  });

  it("reports a domain suffix that is not a top-level domain", () => {
    const text = fileText((d) => (d.tenants.acme.organization.domainSuffix = ".com"));
    expect(() => parse(text)).toThrow(/tenants\.acme\.organization\.domainSuffix: "\.com" is not valid; use a DNS top-level domain in lowercase, without a dot, e\.g\. com/);
  });

  it.each([
    ["engage.acme.example/pureengage", "no scheme"],
    ["https:///pureengage", "no host"],
    ["ftp://engage.acme.example/pureengage", "scheme other than http, https, urn"],
    ["mailto:idp@acme.example", "scheme without a host"],
  ])("reports an issuer %j (%s)", (issuer) => {
    const text = fileText((d) => (d.tenants.acme.saml.issuer = issuer));
    expect(() => parse(text)).toThrow(
      new RegExp(`tenants\\.acme\\.saml\\.issuer: "${issuer.replace(/[.*+?/]/g, "\\$&")}" is not (valid|an absolute URI); use an absolute http\\(s\\) URL with a host, or a urn: name`),
    );
  });

  it("reports an invalid issuer once, not once per failed rule", () => {
    const problems = problemsOf(fileText((d) => (d.tenants.acme.saml.issuer = "pureengage")));
    expect(problems.filter((p) => p.startsWith("tenants.acme.saml.issuer:"))).toHaveLength(1);
  });

  it.each(["https://engage.acme.example/pureengage", "http://engage.acme.example:8080/pe", "urn:acme:engage:idp"])(
    "accepts the issuer %j",
    (issuer) => {
      const text = fileText((d) => (d.tenants.acme.saml.issuer = issuer));
      expect(parse(text).tenants[0]?.saml.issuer).toBe(issuer);
    },
  );

  it("reports an empty certificate path", () => {
    const text = fileText((d) => (d.tenants.acme.saml.certificate = ""));
    expect(() => parse(text)).toThrow(/tenants\.acme\.saml\.certificate: is empty; use the path of the tenant's SAML cert\.pem, relative to the tenants file's folder/);
  });

  it("reads a key rollover: the next certificate resolved against the file's folder, and the stage", () => {
    const text = fileText((d) => (d.tenants.acme.saml.rollover = { certificate: "certs/acme/next/cert.pem", stage: "publish" }));
    const [acme, globex] = parse(text).tenants;
    expect(acme.saml.rollover).toEqual({ certificate: "/srv/hybrid/certs/acme/next/cert.pem", stage: "publish" });
    expect(globex.saml.rollover).toBeUndefined();
  });

  it("reports a rollover stage that is none of publish, switch, retire, and a rollover without its certificate", () => {
    const problems = problemsOf(
      fileText((d) => {
        d.tenants.acme.saml.rollover = { certificate: "certs/acme/next/cert.pem", stage: "swich" };
        d.tenants.globex.saml.rollover = { stage: "retire" };
      }),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^tenants\.acme\.saml\.rollover\.stage: unknown stage "swich" \(did you mean switch\?\); use one of: publish, switch, retire/),
      expect.stringMatching(/^tenants\.globex\.saml\.rollover\.certificate: missing; add certificate: the path of the next key set's cert\.pem \(`hybrid certs rotate --next`\)/),
    ]);
  });

  it("reports an SSO target that is not an https URL", () => {
    const text = fileText((d) => (d.tenants.acme.saml.ssoTargetUri = "http://apps.mypurecloud.ie"));
    expect(() => parse(text)).toThrow(/tenants\.acme\.saml\.ssoTargetUri: "http:\/\/apps\.mypurecloud\.ie" is not valid; use an https URL with a host/);
  });

  it("reports a redirect URI that is not an https URL, by its position in the list", () => {
    const text = fileText((d) => (d.tenants.acme.saml2BearerClient = { authorizedRedirectUris: ["https://apps.mypurecloud.ie", "apps.mypurecloud.ie"] }));
    expect(() => parse(text)).toThrow(/tenants\.acme\.saml2BearerClient\.authorizedRedirectUris\[1\]: "apps\.mypurecloud\.ie" is not (valid|an absolute URI); use an https URL with a host/);
  });

  it.each([
    ["pacingClient", 299],
    ["pacingClient", 172801],
    ["saml2BearerClient", 0],
  ])("reports %s.accessTokenValiditySeconds %d out of 300..172800", (client, seconds) => {
    const text = fileText((d) => (d.tenants.acme[client] = { accessTokenValiditySeconds: seconds }));
    expect(() => parse(text)).toThrow(
      new RegExp(`tenants\\.acme\\.${client}\\.accessTokenValiditySeconds: ${seconds} is out of range 300\\.\\.172800; use the token lifetime in whole seconds`),
    );
  });

  it("reports a token lifetime written as text", () => {
    const text = fileText((d) => (d.tenants.acme.pacingClient = { accessTokenValiditySeconds: "1d" }));
    expect(() => parse(text)).toThrow(/tenants\.acme\.pacingClient\.accessTokenValiditySeconds: "1d" is a string, expected a whole number; use the token lifetime/);
  });

  it("reports an expiry outside 1..48 hours and a fractional one", () => {
    const problems = problemsOf(
      fileText((d) => {
        d.tenants.acme.saml.expireTimeHours = 72;
        d.tenants.globex.saml.expireTimeHours = 1.5;
      }),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^tenants\.acme\.saml\.expireTimeHours: 72 is out of range 1\.\.48; use whole hours/),
      expect.stringMatching(/^tenants\.globex\.saml\.expireTimeHours: 1\.5 is a number with a fraction, expected a whole number; use whole hours/),
    ]);
  });

  it("reports an empty scope list and a scope list written as one string", () => {
    const problems = problemsOf(
      fileText((d) => {
        d.tenants.acme.saml2BearerClient = { scopes: [] };
        d.tenants.globex.saml2BearerClient = { scopes: ["journey, users:readonly"] };
      }),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^tenants\.acme\.saml2BearerClient\.scopes: \[\] needs at least 1 item; use a list of OAuth scopes/),
      expect.stringMatching(/^tenants\.globex\.saml2BearerClient\.scopes\[0\]: "journey, users:readonly" is not valid; use one OAuth scope per list item/),
    ]);
  });

  it("reports a role listed twice", () => {
    const text = fileText((d) => (d.tenants.acme.pacingClient = { roles: ["admin", "admin"] }));
    expect(() => parse(text)).toThrow(/tenants\.acme\.pacingClient\.roles: "admin" is listed twice; list each item once/);
  });

  it("reports preventDestroy written as yes", () => {
    const text = fileText((d) => (d.tenants.acme.preventDestroy = "yes"));
    expect(() => parse(text)).toThrow(/tenants\.acme\.preventDestroy: "yes" is a string, expected a boolean; use true or false/);
  });

  it("reports an unknown backend type", () => {
    const text = fileText((d) => (d.tenants.acme.backend = { type: "s3" }));
    expect(() => parse(text)).toThrow(/tenants\.acme\.backend\.type: unknown type "s3"; use one of: local, pg/);
    const typo = fileText((d) => (d.tenants.acme.backend = { type: "loacl" }));
    expect(() => parse(typo)).toThrow(/tenants\.acme\.backend\.type: unknown type "loacl" \(did you mean local\?\); use one of: local, pg/);
  });

  it("reports a backend without a type", () => {
    const text = fileText((d) => (d.tenants.acme.backend = { path: "state/a.tfstate" }));
    expect(() => parse(text)).toThrow(/tenants\.acme\.backend\.type: missing; add type: local \(a state file\) or pg/);
  });

  it("reports fields of the other backend type", () => {
    const problems = problemsOf(
      fileText((d) => {
        d.tenants.acme.backend = { type: "pg", path: "state/acme.tfstate" };
        d.tenants.globex.backend = { type: "local", schemaName: "hybrid_globex" };
      }),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^tenants\.acme\.backend\.path: "state\/acme\.tfstate" is not allowed: path is only for type local; remove it or set type: local \(line \d+\)$/),
      expect.stringMatching(/^tenants\.globex\.backend\.schemaName: "hybrid_globex" is not allowed: schemaName is only for type pg; remove it or set type: pg \(line \d+\)$/),
    ]);
  });

  it("reports a pg schema name PostgreSQL would need quoted", () => {
    const text = fileText((d) => (d.tenants.acme.backend = { type: "pg", schemaName: "Hybrid-Acme" }));
    expect(() => parse(text)).toThrow(/tenants\.acme\.backend\.schemaName: "Hybrid-Acme" is not valid; use a PostgreSQL schema name: lowercase letters, digits and underscores/);
  });

  it("reports a misspelt key, suggesting the known one", () => {
    const problems = problemsOf(
      fileText((d) => {
        d.tenants.acme.saml.issuerURI = d.tenants.acme.saml.issuer;
        delete d.tenants.acme.saml.issuer;
        d.tenants.globex.saml.ssoTargetURI = "https://apps.mypurecloud.com";
        d.tenants.globex.pacingclient = {};
      }),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^tenants\.acme\.saml\.issuer: missing; add issuer:/),
      expect.stringMatching(/^tenants\.acme\.saml\.issuerURI: unknown key "issuerURI" \(did you mean "issuer"\?\); rename or remove it; known keys: issuer, certificate, ssoTargetUri/),
      expect.stringMatching(/^tenants\.globex\.saml\.ssoTargetURI: unknown key "ssoTargetURI" \(did you mean "ssoTargetUri"\?\)/),
      expect.stringMatching(/^tenants\.globex\.pacingclient: unknown key "pacingclient" \(did you mean "pacingClient"\?\)/),
    ]);
  });

  it("names no suggestion for a key nothing like a known one", () => {
    const text = fileText((d) => (d.tenants.acme.colour = "blue"));
    expect(() => parse(text)).toThrow(/tenants\.acme\.colour: unknown key "colour"; rename or remove it; known keys: region, organization, saml,/);
  });
});

describe("the defaults block", () => {
  it("reports its own problems once, under defaults, not again for every tenant", () => {
    // given a bad value and a typo in defaults, inherited by both tenants
    const problems = problemsOf(
      fileText((d) => (d.defaults = { saml: { expireTimeHours: 0, identityProvider: "x" }, backend: { path: "state/all.tfstate" } })),
    );

    // then each is reported once, under defaults
    expect(problems).toEqual([
      expect.stringMatching(/^defaults\.saml\.expireTimeHours: 0 is out of range 1\.\.48/),
      expect.stringMatching(/^defaults\.saml\.identityProvider: unknown key "identityProvider" \(did you mean "identityProviderName"\?\)/),
      expect.stringMatching(/^defaults\.backend\.type: missing; add type:/),
    ]);
  });

  it("still reports a tenant's own override of an invalid default", () => {
    const problems = problemsOf(
      fileText((d) => {
        d.defaults = { saml: { expireTimeHours: 0 } };
        d.tenants.acme.saml.expireTimeHours = 99;
      }),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^defaults\.saml\.expireTimeHours: 0 is out of range/),
      expect.stringMatching(/^tenants\.acme\.saml\.expireTimeHours: 99 is out of range/),
    ]);
  });

  it("does not require tenant-only fields in defaults", () => {
    const text = fileText((d) => (d.defaults = { saml: { identityProviderName: "Engage" }, organization: { domainSuffix: "net" } }));
    expect(parse(text).tenants.map((t) => t.organization.domainSuffix)).toEqual(["net", "net"]);
  });
});

describe("across tenants", () => {
  it("reports two tenants with one organization id as one problem naming both", () => {
    // given globex reusing acme's org id, in other letter case
    const text = fileText((d) => (d.tenants.globex.organization.id = ACME_ID.toUpperCase()));

    // then one problem names both fields, the id and the fix
    expect(problemsOf(text)).toEqual([
      `tenants.acme.organization.id and tenants.globex.organization.id: both are "${ACME_ID}"; ` +
        "each tenant needs its own Genesys Cloud organization (one transaction object per org); fix the id of all but one",
    ]);
  });

  it("reports two tenants with one issuer URI as one problem naming both", () => {
    const text = fileText((d) => (d.tenants.globex.saml.issuer = d.tenants.acme.saml.issuer));
    expect(problemsOf(text)).toEqual([
      'tenants.acme.saml.issuer and tenants.globex.saml.issuer: both are "https://engage.acme.example/pureengage"; ' +
        "Genesys Cloud requires each identity provider's issuer URI to be unique; give each tenant its own issuer",
    ]);
  });

  it("names every tenant sharing an issuer, including one set in defaults", () => {
    const text = fileText((d) => {
      d.defaults = { saml: { issuer: "urn:engage:shared" } };
      delete d.tenants.acme.saml.issuer;
      delete d.tenants.globex.saml.issuer;
      d.tenants.initech = { region: "us-west-2", organization: { id: "00000000-0000-4000-8000-000000000001", shortName: "initech" }, saml: { certificate: "c.pem" } };
    });
    expect(() => parse(text)).toThrow(
      /tenants\.acme\.saml\.issuer, tenants\.globex\.saml\.issuer, tenants\.initech\.saml\.issuer: all 3 are "urn:engage:shared"; .*give each tenant its own issuer/,
    );
  });

  it("reports two tenants sharing Terraform state", () => {
    const problems = problemsOf(
      fileText((d) => {
        d.tenants.acme.backend = { type: "local", path: "state/globex.tfstate" };
        d.tenants.globex.backend = { type: "local" };
      }),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^tenants\.acme\.backend and tenants\.globex\.backend: both are state file \/srv\/hybrid\/state\/globex\.tfstate; they would overwrite each other's Terraform state; give each its own backend\.path/,
      ),
    ]);
  });

  it("reports two tenants sharing a pg schema", () => {
    const text = fileText((d) => {
      d.tenants.acme.backend = { type: "pg", schemaName: "hybrid_globex" };
      d.tenants.globex.backend = { type: "pg" };
    });
    expect(() => parse(text)).toThrow(/tenants\.acme\.backend and tenants\.globex\.backend: both are pg schema hybrid_globex; .*backend\.schemaName/);
  });
});

describe("many problems", () => {
  it("reports every problem in one error, a header line then one line each", () => {
    // given four mistakes across two tenants and a shared org id
    const text = fileText((d) => {
      d.tenants.acme.region = "mars-1";
      d.tenants.acme.pacingClient = { accessTokenValiditySeconds: 10 };
      d.tenants.globex.saml.ssoTargetUri = "apps.mypurecloud.com";
      d.tenants.globex.organization.id = ACME_ID;
    });

    // when it is parsed
    let error: TenantsFileError | undefined;
    try {
      parse(text);
    } catch (err) {
      error = err as TenantsFileError;
    }

    // then all four come back, in file order by tenant, and the message is header + lines
    expect(error).toBeInstanceOf(TenantsFileError);
    expect(error?.problems).toEqual([
      expect.stringMatching(/^tenants\.acme\.region: unknown region "mars-1"/),
      expect.stringMatching(/^tenants\.acme\.pacingClient\.accessTokenValiditySeconds: 10 is out of range/),
      expect.stringMatching(/^tenants\.globex\.saml\.ssoTargetUri: "apps\.mypurecloud\.com" is not/),
      expect.stringMatching(/^tenants\.acme\.organization\.id and tenants\.globex\.organization\.id: both are/),
    ]);
    expect(error?.message).toBe(["tenants.yaml: 4 problems in the tenants file:", ...(error?.problems ?? []).map((p) => `  ${p}`)].join("\n"));
    expect(error?.file).toBe("tenants.yaml");
  });

  it("points each problem at its line in the file", () => {
    const text = [
      "tenants:",
      "  acme:",
      "    region: eu-west-1",
      "    organization:",
      `      id: ${ACME_ID}`,
      "      shortName: acme",
      "    saml:",
      "      issuer: https://engage.acme.example/pureengage",
      "      certificate: certs/acme/cert.pem",
      "      expireTimeHours: 100",
      "  globex:",
      "    region: us-east-1",
    ].join("\n");
    expect(problemsOf(text)).toEqual([
      expect.stringMatching(/^tenants\.acme\.saml\.expireTimeHours: 100 .* \(line 10\)$/),
      expect.stringMatching(/^tenants\.globex\.organization: missing; .* \(line 12\)$/),
      expect.stringMatching(/^tenants\.globex\.saml: missing; .* \(line 12\)$/),
    ]);
  });

  it("still loads when nothing is wrong", () => {
    expect(parse(fileText()).tenants.map((t) => t.organization.id)).toEqual([ACME_ID, GLOBEX_ID]);
  });
});
