import { agentEmail, DEFAULT_TEST_AGENT } from "../../services/doctor";

describe("the test agent's NameID", () => {
  test("a user name becomes <user>@<organization_sname>.<organization_domain_suffix>, an e-mail address stays", () => {
    expect(agentEmail(DEFAULT_TEST_AGENT, "acme", "com")).toBe("hybrid-doctor-test-agent@acme.com");
    expect(agentEmail("jdoe", "globex", "co")).toBe("jdoe@globex.co");
    expect(agentEmail("Jane.Doe@example.org", "acme", "com")).toBe("Jane.Doe@example.org");
  });

  test.each([["two words"], ["a@b"], ["<x>"]])("refuses %p as a usage error", (agent) => {
    expect(() => agentEmail(agent, "acme", "com")).toThrow(expect.objectContaining({ exitCode: 2, message: expect.stringContaining("--agent") }));
  });
});
