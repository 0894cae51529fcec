import { describe, expect, it } from "vitest";
import { oembedFor, renderEmbedCard } from "@/lib/reports/embed-card";
import { parseEmbedTarget } from "@/lib/reports/get-embed";
import { reportFixture } from "../fixtures/report-data";

const id = "6f1c2a9e-1b2c-4d3e-8f90-123456789abc";

describe("verdict cards and oEmbed", () => {
  it("understands the public page with #claim-<id> and the card's own address, on this desk only", () => {
    const base = "https://desk.example/factcheck";
    expect(parseEmbedTarget(`${base}/reports/uk-defence#claim-${id}`, base)).toEqual({ slug: "uk-defence", claimId: id });
    expect(parseEmbedTarget(`${base}/embed/uk-defence/${id.toUpperCase()}`, base)).toEqual({ slug: "uk-defence", claimId: id });
    for (const other of [
      `https://evil.example/factcheck/reports/uk-defence#claim-${id}`,
      `${base}/reports/uk-defence`,
      `${base}/reports/UK_defence#claim-${id}`,
      `https://desk.example/reports/uk-defence#claim-${id}`,
      `${base}/reports/uk-defence#claim-not-a-uuid`,
      "javascript:alert(1)",
      "",
    ]) {
      expect(parseEmbedTarget(other, base)).toBeNull();
    }
  });

  it("renders the verdict as text and icon, escapes every stored string, links to the claim, runs no script", () => {
    const data = reportFixture();
    const claim = { ...data.claims[0]!, statement: `<img src=x onerror=alert(1)> "2.3%"`, claimant: "</p><script>x()</script>" };
    const html = renderEmbedCard(data, claim);
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(html).toContain(`href="${data.reportUrl}#claim-${claim.id}"`);
    expect(html).toMatch(/class="verdict v-[a-z_]+"/);
    const o = oembedFor(data, claim, `https://desk.example/embed/s/${claim.id}`, 320);
    expect(o).toMatchObject({ version: "1.0", type: "rich", width: 320 });
    expect(o.html).not.toContain("<img");
    expect(oembedFor(data, claim, "https://desk.example/embed/s/x", 5000).width).toBe(480);
  });
});
