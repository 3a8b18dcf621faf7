import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { adoptionFilePath, type Adoption, readAdoption, writeAdoption } from "../../core/config/adoption-file";
import { UserError } from "../../core/user-error";

const ORG = "5a0c3e1f-2b4d-4f6a-8c9e-1d3f5b7a9c0e";
const TENANT = { name: "acme", organization: { id: ORG } };
const PACING_ID = "0b7f4a52-61c3-4d0e-9f8a-2c5e7d1b3a90";
const SAML2_ID = "1c8e5b63-72d4-4e1f-a09b-3d6f8e2c4b01";

function folder(): { tenantsFile: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), "adoption-"));
  return { dir, tenantsFile: join(dir, "tenants.yaml") };
}

function errorOf(f: () => unknown): UserError {
  try {
    f();
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error("expected a UserError");
}

describe("the adoption file", () => {
  test("is written next to the tenants file and read back as written", () => {
    // given an adoption of both clients and the identity provider
    const { tenantsFile, dir } = folder();
    const adoption: Adoption = {
      tenant: "acme",
      organizationId: ORG,
      pacingClient: { id: PACING_ID, name: "PureEngage Client Credentials" },
      saml2BearerClient: { id: SAML2_ID, name: "WDE: token exchange" },
      identityProvider: { id: "pureengage" },
    };
    // when written
    const file = writeAdoption(tenantsFile, adoption, new Date("2026-01-15T10:00:00Z"));
    // then it is adopted/acme.yaml beside the tenants file, and reads back equal
    expect(file).toBe(join(dir, "adopted", "acme.yaml"));
    expect(readAdoption(tenantsFile, TENANT)).toEqual(adoption);
    expect(readFileSync(file, "utf8")).toMatch(/^# Written by `hybrid adopt --tenant acme` on 2026-01-15T10:00:00.000Z\./);
  });

  test("is optional: a tenant without one adopts nothing", () => {
    const { tenantsFile } = folder();
    expect(existsSync(adoptionFilePath(tenantsFile, "acme"))).toBe(false);
    expect(readAdoption(tenantsFile, TENANT)).toBeUndefined();
  });

  test("of another org is refused, naming the tenant, the file, the field and the fix", () => {
    const { tenantsFile } = folder();
    writeAdoption(tenantsFile, { tenant: "acme", organizationId: "9c1b7e42-5d8a-4f36-b2e0-71a4c9d3e58b" }, new Date());
    const err = errorOf(() => readAdoption(tenantsFile, TENANT));
    expect(err.message).toContain(`tenant acme: adoption file ${adoptionFilePath(tenantsFile, "acme")} has 1 problem(s)`);
    expect(err.message).toContain(`organizationId: "9c1b7e42-5d8a-4f36-b2e0-71a4c9d3e58b" is not the tenant's organization.id "${ORG}"`);
    expect(err.message).toContain("run `hybrid adopt --tenant acme` again to rewrite it");
  });

  test("with a bad id, an unknown field, one client twice, or a secret-like field lists every problem", () => {
    const { tenantsFile, dir } = folder();
    mkdirSync(join(dir, "adopted"));
    writeFileSync(
      adoptionFilePath(tenantsFile, "acme"),
      `tenant: acme\norganizationId: ${ORG}\npacingClient: { id: not-an-id, name: x }\nsaml2BearerClient: { id: ${SAML2_ID}, name: y, secret: s }\n`,
    );
    const err = errorOf(() => readAdoption(tenantsFile, TENANT));
    expect(err.message).toContain("pacingClient.id: must match pattern");
    expect(err.message).toContain(`saml2BearerClient: must NOT have additional properties "secret"`);

    writeFileSync(adoptionFilePath(tenantsFile, "acme"), `tenant: acme\norganizationId: ${ORG}\npacingClient: { id: ${PACING_ID}, name: x }\nsaml2BearerClient: { id: ${PACING_ID}, name: y }\n`);
    expect(errorOf(() => readAdoption(tenantsFile, TENANT)).message).toContain(`are the same client "${PACING_ID}"`);
  });
});
