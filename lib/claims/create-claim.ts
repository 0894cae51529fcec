import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/lib/database";
import { articleRevisions, articles, claims } from "@/db/schema";
import { AnchorError, createAnchor, findQuote } from "../anchoring/anchor";
import { isUuid } from "../validation";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { AppError, notFound, parseInput } from "../errors";
import { cpLength } from "../text/canonical";
import { inferClaimantType } from "./claimant-type";
import type { ClaimView } from "./claim-view";
import { loadClaimView } from "./claim-store";
import { createClaimSchema } from "./schemas";
import { indexFigureWords } from "../search/figure-terms";
import { writeClaimFigures } from "../claim-figures/claim-figure-store";
import { fieldsFromSuggestion } from "../suggestions/claim-from-suggestion";
import { revisionSuggestions } from "../articles/revision-suggestions";

/** A statement is one short sentence (it becomes ClaimReview's claimReviewed): start from the quote. */
function asStatement(exact: string): string {
  const flat = exact
    .replace(/\s+/g, " ")
    .replace(/^[“”"‘’']+|[“”"‘’']+$/g, "")
    .trim();
  return flat.length <= 1000 ? flat : `${flat.slice(0, 997)}…`;
}

export async function createClaim(actor: Actor | null, articleId: string, input: unknown): Promise<ClaimView> {
  const user = await authorize(actor, "claim:write", { type: "article", id: articleId });
  if (!isUuid(articleId)) throw notFound("The article");
  const data = parseInput(createClaimSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ revisionId: articleRevisions.id, body: articleRevisions.body, title: articles.title })
      .from(articles)
      .innerJoin(articleRevisions, eq(articleRevisions.id, articles.currentRevisionId))
      .where(eq(articles.id, articleId));
    if (!row) throw notFound("The article");

    let start: number;
    let end: number;
    if ("exact" in data) {
      const found = findQuote(row.body, data.exact, data.prefix, data.suffix);
      if (found.length === 0) {
        throw new AppError("unprocessable", "That text was not found in the current revision of the article.", {
          exact: "Not found in the article text.",
        });
      }
      if (found.length > 1) {
        throw new AppError(
          "unprocessable",
          `That text appears ${found.length} times in the article; send a prefix or suffix (or start and end) to say which one.`,
          { exact: `Found ${found.length} times; add a prefix or suffix to choose one.` },
        );
      }
      ({ start, end } = found[0]!);
    } else {
      const length = cpLength(row.body);
      if (data.end <= data.start || data.end > length) {
        throw new AppError("validation_failed", "The selection is outside the article text.", {
          end: `end must be greater than start and at most ${length}.`,
        });
      }
      ({ start, end } = data);
    }

    let anchor;
    try {
      anchor = createAnchor(row.body, start, end);
    } catch (err) {
      if (err instanceof AnchorError) {
        throw new AppError("validation_failed", "Select some text to mark as a claim.", { start: err.message });
      }
      throw err;
    }
    // Marked inside a suggested clause, accepted whole or by hand: what the caller did not send
    // comes from the suggestion, computed here for this revision rather than taken from the client.
    const suggested =
      data.claimant === undefined || data.statement === undefined
        ? fieldsFromSuggestion(revisionSuggestions(row.revisionId, row.body, row.title), anchor)
        : null;
    const claimant = data.claimant !== undefined ? data.claimant : (suggested?.claimant ?? null);
    const claimantType =
      data.claimantType ?? (data.claimant === undefined ? suggested?.claimantType : undefined) ?? inferClaimantType(claimant);
    const statement = data.statement ?? asStatement(suggested?.statement ?? anchor.exact);
    const [claim] = await tx
      .insert(claims)
      .values({
        articleId,
        exact: anchor.exact,
        prefix: anchor.prefix,
        suffix: anchor.suffix,
        startCp: anchor.start,
        endCp: anchor.end,
        anchorRevisionId: row.revisionId,
        claimant,
        claimantType,
        statement,
        searchFigures: indexFigureWords(statement, anchor.exact),
        claimDate: data.claimDate ?? null,
        claimPlace: data.claimPlace ?? null,
        appearanceUrl: data.appearanceUrl ?? null,
        createdBy: user.id,
        updatedBy: user.id,
        editorsSinceApproval: [user.id],
      })
      .returning({ id: claims.id });
    if (!claim) throw new Error("insert returned no claim");
    await writeClaimFigures(tx, claim.id, { exact: anchor.exact, anchorText: null, statement });
    const view = await loadClaimView(tx, claim.id);
    await recordAudit(tx, {
      actorId: user.id,
      action: "claim.create",
      targetType: "claim",
      targetId: claim.id,
      after: { exact: view.exact, start: view.start, end: view.end, statement: view.statement, claimant: view.claimant },
      meta: suggested ? { articleId, fromSuggestion: true } : { articleId },
    });
    return view;
  });
}
