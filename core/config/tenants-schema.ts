import { DOMAIN_SUFFIX, HTTPS_URL, ISSUER_URI, OAUTH_SCOPE, ORGANIZATION_ID, ORGANIZATION_SHORT_NAME, TENANT_NAME, TENANT_NAME_MAX_LENGTH } from "./formats";
import { PACING_CLIENT_DEFAULTS, SAML2_BEARER_CLIENT_DEFAULTS, TOKEN_VALIDITY_SECONDS } from "./oauth-defaults";
import { REGION_NAMES } from "../genesys/regions";
import { ROLLOVER_STAGES } from "./rollover-stage";

/*
 * JSON Schema (draft-07) of the tenants file, as validated by ajv in tenants-file.ts.
 *
 * Every `description` doubles as the fix in error messages ("use <description>"), so
 * each one says what the field must be, with an example, not merely what it is.
 *
 * The file is checked in two passes because `defaults` is deep-merged under every
 * tenant: a field required of a tenant (say `saml.issuer`) may come from `defaults`,
 * so `required` can only be judged once the two are merged. Hence one schema builder
 * with two modes: "defaults" (no `required`, no `default`) for the raw `defaults`
 * block, and "tenant" for each merged tenant, whose `default` keywords ajv fills in
 * (`useDefaults`) so the defaults are stated once, here.
 */

/**
 * Tenant names name a Terraform stack, a state file and certs/<tenant>/. Starting with
 * a letter and the 40-character cap come from the stack and PostgreSQL schema names
 * (`hybrid_<tenant>` must stay within 63 characters); single dashes match the rule
* core/certs applies to the same names.
 */
export const TENANT_NAME_SCHEMA = {
  type: "string",
  pattern: TENANT_NAME,
  minLength: 2,
  maxLength: TENANT_NAME_MAX_LENGTH,
  description:
    "2 to 40 lowercase letters, digits and single dashes, starting with a letter and ending with a letter or digit, e.g. acme-emea",
} as const;

type Mode = "tenant" | "defaults";

function tenantSchema(mode: Mode) {
  const forTenant = mode === "tenant";
  const required = (...keys: string[]) => (forTenant ? { required: keys } : {});
  const withDefault = (value: unknown) => (forTenant ? { default: value } : {});
  const object = (description: string, properties: Record<string, unknown>, extra: object = {}) => ({
    type: "object",
    description,
    additionalProperties: false,
    properties,
    ...extra,
  });
  const tokenValidity = {
    type: "integer",
    minimum: TOKEN_VALIDITY_SECONDS.min,
    maximum: TOKEN_VALIDITY_SECONDS.max,
    ...withDefault(TOKEN_VALIDITY_SECONDS.default),
    description: `the token lifetime in whole seconds, from ${TOKEN_VALIDITY_SECONDS.min} (5 minutes) to ${TOKEN_VALIDITY_SECONDS.max} (48 hours), e.g. ${TOKEN_VALIDITY_SECONDS.default}`,
  };
  const nonEmpty = (description: string, defaultValue?: string) => ({
    type: "string",
    minLength: 1,
    ...(defaultValue === undefined ? {} : withDefault(defaultValue)),
    description,
  });
  /** What both OAuth clients take: a name and description (each kind's defaults) and a token lifetime. */
  const clientFields = (defaults: { readonly name: string; readonly description: string }) => ({
    name: nonEmpty(`a non-empty OAuth client name, e.g. ${defaults.name}`, defaults.name),
    description: { type: "string", ...withDefault(defaults.description), description: "a free-text description of the OAuth client" },
    accessTokenValiditySeconds: tokenValidity,
  });

  return object(
    forTenant ? "the tenant's settings" : "settings merged under every tenant (the tenant's own values win)",
    {
      region: {
        type: "string",
        enum: REGION_NAMES,
        description: "the Genesys Cloud region of the tenant's organization, e.g. eu-west-1",
      },
      organization: object(
        "the tenant's Genesys Cloud organization: id and shortName at least",
        {
          id: {
            type: "string",
            pattern: ORGANIZATION_ID,
            description:
              "a UUID like 3f5e2a9c-7b1d-4c8e-9a6f-0d2b4e6c8a1f: the Organization ID from Genesys Cloud Admin > Account Settings > Organization Settings > Organization Details > Advanced",
          },
          shortName: {
            type: "string",
            pattern: ORGANIZATION_SHORT_NAME,
            description:
              "the organization Short Name from the same Advanced tab: letters, digits and inner dashes, at most 63 characters, e.g. acme",
          },
          domainSuffix: {
            type: "string",
            pattern: DOMAIN_SUFFIX,
            ...withDefault("com"),
            description: "a DNS top-level domain in lowercase, without a dot, e.g. com",
          },
        },
        required("id", "shortName"),
      ),
      saml: object(
        "the Genesys Engage identity provider: issuer and certificate at least",
        {
          issuer: {
            type: "string",
            format: "uri",
            pattern: ISSUER_URI,
            description:
              "an absolute http(s) URL with a host, or a urn: name, equal to saml/issuer of the tenant's hybrid_integration transaction object, e.g. https://engage.acme.example/pureengage",
          },
          certificate: nonEmpty(
            "the path of the tenant's SAML cert.pem, relative to the tenants file's folder, e.g. certs/acme/cert.pem",
          ),
          ssoTargetUri: {
            type: "string",
            format: "uri",
            pattern: HTTPS_URL,
            description:
              "an https URL with a host in the tenant's Genesys Cloud domain, e.g. https://apps.mypurecloud.ie; leave it out to use the region's apps URL",
          },
          expireTimeHours: {
            type: "integer",
            minimum: 1,
            maximum: 48,
            ...withDefault(24),
            description: "whole hours from 1 to 48 (Genesys Cloud caps tokens at 48 hours), e.g. 24",
          },
          identityProviderName: nonEmpty("a non-empty name, e.g. Genesys Engage", "Genesys Engage"),
          rollover: object(
            "a key rollover under way: the next key set's certificate and the stage reached, e.g. { certificate: certs/acme/next/cert.pem, stage: publish }; remove it once the next set is the current one",
            {
              certificate: nonEmpty(
                "the path of the next key set's cert.pem (`hybrid certs rotate --next`), relative to the tenants file's folder, e.g. certs/acme/next/cert.pem",
              ),
              stage: {
                type: "string",
                enum: [...ROLLOVER_STAGES],
                description:
                  "publish (the identity provider trusts both keys), switch (the transaction object gets the next key) or retire (only the next key is trusted), deployed in that order",
              },
            },
            required("certificate", "stage"),
          ),
        },
        required("issuer", "certificate"),
      ),
      pacingClient: object(
        "the Client Credentials OAuth client of the Agent Pacing Service (ewt)",
        {
          ...clientFields(PACING_CLIENT_DEFAULTS),
          roles: {
            type: "array",
            minItems: 1,
            uniqueItems: true,
            items: nonEmpty("a Genesys Cloud role name, e.g. admin"),
            ...withDefault([...PACING_CLIENT_DEFAULTS.roles]),
            description: "a list of Genesys Cloud role names granted in the home division, e.g. [admin]",
          },
        },
        withDefault({}),
      ),
      saml2BearerClient: object(
        "the SAML2 Bearer OAuth client of Workspace Desktop Edition",
        {
          ...clientFields(SAML2_BEARER_CLIENT_DEFAULTS),
          authorizedRedirectUris: {
            type: "array",
            minItems: 1,
            uniqueItems: true,
            items: {
              type: "string",
              format: "uri",
              pattern: HTTPS_URL,
              description: "an https URL with a host, e.g. https://apps.mypurecloud.ie",
            },
            description:
              "a list of https URLs, e.g. [https://apps.mypurecloud.ie]; leave it out to use the region's apps URL",
          },
          scopes: {
            type: "array",
            minItems: 1,
            uniqueItems: true,
            items: {
              type: "string",
              pattern: OAUTH_SCOPE,
              description: "one OAuth scope per list item, like journey or users:readonly",
            },
            ...withDefault([...SAML2_BEARER_CLIENT_DEFAULTS.scopes]),
            description: "a list of OAuth scopes, e.g. [journey, users:readonly, organization:readonly]",
          },
        },
        withDefault({}),
      ),
      roleGrant: object(
        "the role granted the Predictive Engagement permissions",
        {
          roleName: nonEmpty(
            "the Genesys Cloud role auto-provisioned users get, normally employee",
            "employee",
          ),
        },
        withDefault({}),
      ),
      preventDestroy: {
        type: "boolean",
        ...withDefault(true),
        description: "true or false; false lets terraform destroy the OAuth clients and the identity provider",
      },
      backend: object(
        "where Terraform keeps the tenant's state: type local or pg",
        {
          type: {
            type: "string",
            enum: ["local", "pg"],
            description: "local (a state file) or pg (PostgreSQL; the connection string comes from PG_CONN_STR)",
          },
          path: nonEmpty(
            "the state file's path, relative to the tenants file's folder, e.g. state/acme.tfstate; only for type local",
          ),
          schemaName: {
            type: "string",
            pattern: "^[a-z_][a-z0-9_]{0,62}$",
            description:
              "a PostgreSQL schema name: lowercase letters, digits and underscores, at most 63, e.g. hybrid_acme; only for type pg",
          },
        },
        {
          // Required in both modes: merging keys on it (a tenant's backend of another
          // type replaces the defaults' instead of mixing their fields).
          required: ["type"],
          ...withDefault({ type: "local" }),
          allOf: [
            {
              if: { properties: { type: { const: "pg" } }, required: ["type"] },
              then: {
                properties: {
                  path: { not: {}, description: "path is only for type local; remove it or set type: local" },
                },
              },
            },
            {
              if: { properties: { type: { const: "local" } }, required: ["type"] },
              then: {
                properties: {
                  schemaName: { not: {}, description: "schemaName is only for type pg; remove it or set type: pg" },
                },
              },
            },
          ],
        },
      ),
    },
    required("region", "organization", "saml"),
  );
}

/** One tenant after `defaults` are merged under it; ajv fills in the defaults. */
export const TENANT_SCHEMA = { $schema: "http://json-schema.org/draft-07/schema#", ...tenantSchema("tenant") };

/** The `defaults` block: any tenant field, none required. */
export const DEFAULTS_SCHEMA = tenantSchema("defaults");

/**
 * The file around the tenants: the top-level keys and the tenant names. Each tenant's
 * own fields are checked against TENANT_SCHEMA after merging.
 */
export const TENANTS_DOCUMENT_SCHEMA = {
  $schema: "http://json-schema.org/draft-07/schema#",
  type: "object",
  description: "a mapping with tenants: (required) and defaults: (optional)",
  additionalProperties: false,
  required: ["tenants"],
  properties: {
    defaults: DEFAULTS_SCHEMA,
    tenants: {
      type: "object",
      minProperties: 1,
      description: "a mapping from tenant name to that tenant's settings, e.g. acme: { region: eu-west-1, ... }",
      propertyNames: TENANT_NAME_SCHEMA,
      additionalProperties: {
        type: "object",
        description: "a mapping of the tenant's settings (region, organization, saml, ...)",
      },
    },
  },
} as const;
