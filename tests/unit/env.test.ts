import { describe, expect, it } from "vitest";
import { parseEnv } from "../../lib/env";

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
