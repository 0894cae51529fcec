import { describe, expect, it } from "vitest";
import { optionalHttpUrl } from "../../lib/validation";

describe("optionalHttpUrl", () => {
  const schema = optionalHttpUrl("Article URL");

  it("says what a refused address must be, not zod's generic message", () => {
    for (const bad of ["ftp://files.example/a", "javascript:alert(1)", "not a url"]) {
      const result = schema.safeParse(bad);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => i.message)).toEqual([
        "Article URL must be a web address starting with http:// or https://.",
      ]);
    }
  });

  it("reads blank as no address, and keeps a missing one missing", () => {
    expect(schema.parse("")).toBeNull();
    expect(schema.parse("   ")).toBeNull();
    expect(schema.parse(null)).toBeNull();
    expect(schema.parse(undefined)).toBeUndefined();
  });

  it("keeps a web address, normalised", () => {
    expect(schema.parse(" https://News.Example/a b ")).toBe("https://news.example/a%20b");
  });
});
