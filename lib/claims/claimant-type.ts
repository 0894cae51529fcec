/**
 * What kind of claimant a name looks like: a person ("Priya Sharma", "the prime minister") or an
 * organisation ("the town council", "Office for National Statistics", "NHS England").
 *
 * Used as the default when nobody chose a type, so that "the town council (Person)" is not what
 * gets published; the editor sees the guess and can change it. Pure and dependency-free so that
 * the claim panel (browser), the claim use cases and the suggestions share one rule.
 */

export type ClaimantType = "Person" | "Organization";

/** Words that make a name an organisation's ("council", "ministry", "Ltd"), lower case. */
export const ORGANISATION_WORDS: ReadonlySet<string> = new Set([
  "administration",
  "agency",
  "airlines",
  "airways",
  "alliance",
  "army",
  "assembly",
  "association",
  "authority",
  "bank",
  "board",
  "broadcasting",
  "bureau",
  "cabinet",
  "campaign",
  "center",
  "centre",
  "charity",
  "coalition",
  "college",
  "commission",
  "committee",
  "commons",
  "company",
  "congress",
  "consortium",
  "corp",
  "corporation",
  "council",
  "court",
  "department",
  "directorate",
  "executive",
  "federation",
  "firm",
  "foundation",
  "fund",
  "gmbh",
  "government",
  "group",
  "holdings",
  "hospital",
  "inc",
  "industries",
  "institute",
  "institution",
  "league",
  "llc",
  "llp",
  "ltd",
  "media",
  "ministry",
  "municipality",
  "navy",
  "network",
  "newspaper",
  "ngo",
  "office",
  "organisation",
  "organization",
  "parliament",
  "party",
  "police",
  "plc",
  "regulator",
  "school",
  "secretariat",
  "senate",
  "service",
  "services",
  "society",
  "statistics",
  "tribunal",
  "treasury",
  "trust",
  "union",
  "university",
]);

// An acronym of two to six capitals ("NHS", "ONS", "UN", "OECD"): newsrooms write organisations
// this way and almost never people.
const ACRONYM = /^\p{Lu}[\p{Lu}&]{1,5}$/u;
const WORD = /[\p{L}\p{N}&]+/gu;

/** The claimant type a name looks like; "Person" when there is no name or no organisation sign. */
export function inferClaimantType(name: string | null | undefined): ClaimantType {
  if (!name) return "Person";
  for (const word of name.normalize("NFC").match(WORD) ?? []) {
    if (ORGANISATION_WORDS.has(word.toLowerCase())) return "Organization";
    if (ACRONYM.test(word)) return "Organization";
  }
  return "Person";
}
