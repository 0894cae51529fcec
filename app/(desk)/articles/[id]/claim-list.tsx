"use client";

import { useRouter } from "next/navigation";
import { memo, type MouseEvent } from "react";
import { AnchorBadge, StatusBadge, VerdictBadge } from "@/app/components/verdict-badge";
import type { DeskClaim } from "./article-text";
import { useClaimSwitch } from "./claim-switch";

/**
 * The list of claims beside the text, from the same claims the text highlights (one array in the
 * page's payload, however many components show it). Each item is a link to `?claim=<id>`, which
 * works without JavaScript; a plain click opens the claim in the panel without reloading the page,
 * and the panel takes no input until that claim is in it.
 */
export function ClaimList({
  articleId,
  claims,
  selectedClaimId,
}: {
  articleId: string;
  claims: DeskClaim[];
  selectedClaimId: string | null;
}) {
  const router = useRouter();
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

const ClaimItem = memo(function ClaimItem({ articleId, claim: c, selected }: ItemProps) {
  return (
    <li className={selected ? "selected" : undefined} data-testid="claim-item">
      <a href={`/articles/${articleId}?claim=${c.id}`} className="quote">
        {c.statement}
      </a>
      <div className="row-controls">
        <VerdictBadge verdict={c.verdict} />
        <StatusBadge status={c.status} />
        {c.anchorState !== "anchored" && <AnchorBadge state={c.anchorState} />}
      </div>
    </li>
  );
}, sameItem);
