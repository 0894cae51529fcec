import { describe, expect, it } from "vitest";
import { pageCsp, ssoFormTarget } from "@/lib/security/csp";

describe("page CSP and single sign-on", () => {
  it("lets forms go only to the desk itself without SSO", () => {
    expect(pageCsp("n", false)).toContain("form-action 'self';");
  });

  it("adds the SSO provider's origin (not its path) as a form target", () => {
    const target = ssoFormTarget("https://login.newsroom.example/realms/desk");
    expect(target).toBe("https://login.newsroom.example");
    expect(pageCsp("n", false, [target!])).toContain("form-action 'self' https://login.newsroom.example;");
  });

  it("names no target for no issuer or one that is not a web address", () => {
    expect(ssoFormTarget(undefined)).toBeNull();
    expect(ssoFormTarget("")).toBeNull();
    expect(ssoFormTarget("not a url")).toBeNull();
    expect(ssoFormTarget("javascript:alert(1)")).toBeNull();
  });
});
