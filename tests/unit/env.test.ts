import { describe, expect, it } from "vitest";
import { parseEnv, ssoSettings } from "../../lib/env";

describe("environment validation", () => {
  it("refuses the test-only loopback setting in production", () => {
    expect(() => parseEnv({ NODE_ENV: "production", OUTBOUND_ALLOW_LOOPBACK: "1" })).toThrow(
      /OUTBOUND_ALLOW_LOOPBACK: is a test-only setting/,
    );
  });

  it("accepts it outside production and defaults it to off", () => {
    expect(parseEnv({ NODE_ENV: "test", OUTBOUND_ALLOW_LOOPBACK: "1" }).OUTBOUND_ALLOW_LOOPBACK).toBe("1");
    expect(parseEnv({ NODE_ENV: "production" }).OUTBOUND_ALLOW_LOOPBACK).toBe("0");
  });
});

describe("single sign-on settings", () => {
  const whole = {
    NODE_ENV: "production",
    OIDC_ISSUER: "https://login.newsroom.example/realms/desk",
    OIDC_CLIENT_ID: "fact-check-desk",
    OIDC_CLIENT_SECRET: "s3cret",
    OIDC_ALLOWED_DOMAINS: " Newsroom.example, @bureau.example ,",
  };

  it("are off without any OIDC_ variable: password login only", () => {
    expect(ssoSettings(parseEnv({ NODE_ENV: "production" }))).toBeNull();
  });

  it("read the four required variables, a domain list, and default the role and button name", () => {
    expect(ssoSettings(parseEnv(whole))).toEqual({
      issuer: "https://login.newsroom.example/realms/desk",
      clientId: "fact-check-desk",
      clientSecret: "s3cret",
      allowedDomains: ["newsroom.example", "bureau.example"],
      defaultRole: "editor",
      name: "single sign-on",
    });
    const named = ssoSettings(parseEnv({ ...whole, OIDC_DEFAULT_ROLE: "reviewer", OIDC_NAME: "Newsroom login" }));
    expect(named).toMatchObject({ defaultRole: "reviewer", name: "Newsroom login" });
  });

  it("refuse a half-configured provider at start, naming what is missing", () => {
    const { OIDC_CLIENT_SECRET: _secret, OIDC_ALLOWED_DOMAINS: _domains, ...half } = whole;
    expect(() => parseEnv(half)).toThrow(
      /OIDC_CLIENT_SECRET: is required for single sign-on[\s\S]*OIDC_ALLOWED_DOMAINS: is required/,
    );
    expect(() => parseEnv({ NODE_ENV: "production", OIDC_NAME: "Newsroom login" })).toThrow(/OIDC_ISSUER: is required/);
  });

  it("refuse a bad role, a bad domain list and a plain-http issuer that is not on this machine", () => {
    expect(() => parseEnv({ ...whole, OIDC_DEFAULT_ROLE: "owner" })).toThrow(/OIDC_DEFAULT_ROLE/);
    expect(() => parseEnv({ ...whole, OIDC_ALLOWED_DOMAINS: "newsroom example" })).toThrow(/OIDC_ALLOWED_DOMAINS.*domain names/);
    expect(() => parseEnv({ ...whole, OIDC_ALLOWED_DOMAINS: " , " })).toThrow(/OIDC_ALLOWED_DOMAINS.*at least one domain/);
    expect(() => parseEnv({ ...whole, OIDC_ISSUER: "http://login.newsroom.example" })).toThrow(/OIDC_ISSUER: must be an https/);
    expect(ssoSettings(parseEnv({ ...whole, OIDC_ISSUER: "http://127.0.0.1:4999" }))?.issuer).toBe("http://127.0.0.1:4999");
  });
});
