import Ajv from "ajv";
import addFormats from "ajv-formats";
import { DEFAULTS_SCHEMA, TENANT_SCHEMA, TENANTS_DOCUMENT_SCHEMA } from "../../core/config";
import { REGION_NAMES } from "../../core/genesys/regions";
import { fileText, problemsOf } from "./helpers";

type Node = Record<string, unknown>;

/** Every schema node below `node` that validates a value (has a type or `not`), with its path. */
function valueNodes(node: Node, at = "#"): [string, Node][] {
  const found: [string, Node][] = "type" in node || "not" in node ? [[at, node]] : [];
  for (const [key, child] of Object.entries(node)) {
    if (key === "default" || key === "enum" || key === "required" || typeof child !== "object" || child === null) continue;
    if (key === "properties") {
      for (const [name, sub] of Object.entries(child as Node)) found.push(...valueNodes(sub as Node, `${at}/${name}`));
    } else if (!Array.isArray(child)) {
      found.push(...valueNodes(child as Node, `${at}/${key}`));
    } else {
      child.forEach((sub, i) => found.push(...valueNodes(sub as Node, `${at}/${key}/${i}`)));
    }
  }
  return found;
}

describe("tenants schema", () => {
  it("compiles under ajv's strict mode", () => {
    const ajv = new Ajv({ strict: true, useDefaults: true });
    addFormats(ajv, ["uri"]);
    expect(() => ajv.compile(TENANTS_DOCUMENT_SCHEMA)).not.toThrow();
    expect(() => ajv.compile(TENANT_SCHEMA)).not.toThrow();
  });

  it("describes every field, since the descriptions are the fixes in error messages", () => {
    const nodes = valueNodes(TENANTS_DOCUMENT_SCHEMA as unknown as Node).concat(valueNodes(TENANT_SCHEMA as unknown as Node));
    // `if` conditions only select a branch; they never produce a message.
    const undescribed = nodes.filter(([at, node]) => !at.includes("/if") && typeof node.description !== "string");
    expect(nodes.length).toBeGreaterThan(50);
    expect(undescribed.map(([at]) => at)).toEqual([]);
  });

  it("allows exactly the regions of core/genesys/regions.ts", () => {
    expect((TENANT_SCHEMA.properties.region as { enum: unknown }).enum).toEqual(REGION_NAMES);
  });

  it("catches typos everywhere: no object accepts unknown keys", () => {
    const open = valueNodes(TENANT_SCHEMA as unknown as Node)
      .concat(valueNodes(DEFAULTS_SCHEMA as unknown as Node))
      .filter(([at, node]) => node.type === "object" && !at.includes("/if") && node.additionalProperties !== false);
    expect(open.map(([at]) => at)).toEqual([]);
  });

  it("keeps required fields and defaults out of the defaults block", () => {
    const text = JSON.stringify(DEFAULTS_SCHEMA);
    expect(text).not.toContain('"default"');
    // backend.type stays required: merging decides on it
    expect(text.match(/"required"/g)).toHaveLength(3); // backend, and the two `if` conditions
  });

  it("writes nothing to the console while validating", () => {
    const spies = (["log", "warn", "error", "info", "debug"] as const).map((m) => jest.spyOn(console, m).mockImplementation(() => {}));
    try {
      problemsOf(fileText((d) => (d.tenants.acme.region = "nowhere")));
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});
