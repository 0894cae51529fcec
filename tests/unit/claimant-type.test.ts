import { describe, expect, it } from "vitest";
import { inferClaimantType } from "../../lib/claims/claimant-type";

describe("inferClaimantType", () => {
  it.each([
    "the town council",
    "Office for National Statistics",
    "NHS England",
    "the Ministry of Defence",
    "Acme Ltd.",
    "Labour Party",
    "the OECD",
    "Kent Police",
    "University of Oxford",
  ])("reads %s as an organisation", (name) => {
    expect(inferClaimantType(name)).toBe("Organization");
  });

  it.each(["Priya Sharma", "the prime minister", "Defence Secretary John Healey", "Dr. Ann Lee", "", null, undefined])(
    "reads %s as a person",
    (name) => {
      expect(inferClaimantType(name)).toBe("Person");
    },
  );
});
