"use client";

import { useRouter } from "next/navigation";
import { memo, useMemo, type MouseEvent } from "react";
import { useClaimSwitch } from "./claim-switch";
import { claimItemHtml, type DeskClaim, type PackedClaims, unpackDeskClaims } from "./desk-claims";

/**
 * The list of claims beside the text, from the same claims the text highlights (one array in the
 * page's payload, however many components show it). Each item is a link to `?claim=<id>`, which
 * works without JavaScript; a plain click opens the claim in the panel without reloading the page,
 * and the panel takes no input until that claim is in it.
 */
export function ClaimList({
  articleId,
  claims: packedClaims,
  selectedClaimId,
}: {
  articleId: string;
  /** The claims the text highlights, packed (desk-claims.ts). */
  claims: PackedClaims;
  selectedClaimId: string | null;
}) {
  const router = useRouter();
  const claims = useMemo(() => unpackDeskClaims(packedClaims), [packedClaims]);
  const { begin } = useClaimSwitch();
  const onClick = (e: MouseEvent<HTMLUListElement>) => {
    // A new tab or window (a modifier or another button) is the browser's.
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    if (!(e.target instanceof Element)) return;
    const link = e.target.closest<HTMLAnchorElement>("a[href]");
    const claimId = link && e.currentTarget.contains(link) ? new URL(link.href).searchParams.get("claim") : null;
    if (!link || !claimId) return;
    e.preventDefault();
    begin(claimId);
    router.push(link.getAttribute("href")!, { scroll: false });
  };
  return (
    <ul className="claim-list" onClick={onClick}>
      {claims.map((c) => (
        <ClaimItem key={c.id} articleId={articleId} claim={c} selected={c.id === selectedClaimId} />
      ))}
    </ul>
  );
}

type ItemProps = { articleId: string; claim: DeskClaim; selected: boolean };

// Every refresh brings new claim objects; an item whose claim reads the same is not drawn again.
const sameItem = (a: ItemProps, b: ItemProps) =>
  a.articleId === b.articleId &&
  a.selected === b.selected &&
  a.claim.id === b.claim.id &&
  a.claim.statement === b.claim.statement &&
  a.claim.verdict === b.claim.verdict &&
  a.claim.status === b.claim.status &&
  a.claim.anchorState === b.claim.anchorState;

// The link and badges inside are written as one string (desk-claims.ts), the same on every render of
// the same claim, so React leaves them (and the focus on the link) alone when the item is selected.
const ClaimItem = memo(function ClaimItem({ articleId, claim, selected }: ItemProps) {
  return (
    <li
      className={selected ? "selected" : undefined}
      data-testid="claim-item"
      dangerouslySetInnerHTML={{ __html: claimItemHtml(articleId, claim) }}
    />
  );
}, sameItem);
