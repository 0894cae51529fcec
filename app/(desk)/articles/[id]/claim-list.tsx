"use client";

import { useRouter } from "next/navigation";
import { memo, useEffect, useMemo, useRef, useState, type MouseEvent } from "react";
import { useClaimSwitch } from "./claim-switch";
import { claimItemHtml, type DeskClaim, type PackedClaims, unpackDeskClaims } from "./desk-claims";

/**
 * How many claims the list shows before "Show all" (issue 13). A long article's list is folded
 * after its first hundred claims in text order: the highlights in the text reach every claim, the
 * rest of the list is one press away (from the claims already in the page, without a request), and
 * the page the server renders carries a hundred list items instead of all of them. Without
 * JavaScript, "Show all" is a link to `?claims=all`, which the server renders whole. A list opened on
 * a claim beyond the fold starts whole, so the open claim is always in it.
 */
export const FOLDED_LIST_LENGTH = 100;

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
  showAll,
}: {
  articleId: string;
  /** The claims the text highlights, packed (desk-claims.ts). */
  claims: PackedClaims;
  selectedClaimId: string | null;
  /** The page was asked for the whole list (`?claims=all`). */
  showAll: boolean;
}) {
  const router = useRouter();
  const claims = useMemo(() => unpackDeskClaims(packedClaims), [packedClaims]);
  const { begin } = useClaimSwitch();
  const selectedIndex = selectedClaimId === null ? -1 : claims.findIndex((c) => c.id === selectedClaimId);
  const [expanded, setExpanded] = useState(showAll);
  // A claim opened beyond the fold (from its highlight, or by a link) unfolds the list for good,
  // so that the list does not fold again under the reader when they open an earlier claim next.
  if (!expanded && selectedIndex >= FOLDED_LIST_LENGTH) setExpanded(true);
  const folded = !expanded && claims.length > FOLDED_LIST_LENGTH;
  const shown = folded ? claims.slice(0, FOLDED_LIST_LENGTH) : claims;
  // After "Show all" by keyboard or pointer, the focus goes to the first claim that was folded.
  const listRef = useRef<HTMLUListElement>(null);
  const focusUnfolded = useRef(false);
  useEffect(() => {
    if (!expanded || !focusUnfolded.current) return;
    focusUnfolded.current = false;
    listRef.current?.children[FOLDED_LIST_LENGTH]?.querySelector<HTMLAnchorElement>("a")?.focus();
  }, [expanded]);
  const unfold = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    focusUnfolded.current = true;
    setExpanded(true);
  };
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
    <>
      <ul className="claim-list" onClick={onClick} ref={listRef}>
        {shown.map((c) => (
          <ClaimItem key={c.id} articleId={articleId} claim={c} selected={c.id === selectedClaimId} wholeList={expanded} />
        ))}
      </ul>
      {folded && (
        <p className="claim-list-fold">
          <span className="muted">{`The first ${FOLDED_LIST_LENGTH} of ${claims.length}, in the order of the text.`}</span>{" "}
          <a
            href={`/articles/${articleId}?claims=all${selectedClaimId === null ? "" : `&claim=${selectedClaimId}`}`}
            onClick={unfold}
            data-testid="claim-list-show-all"
          >
            {`Show all ${claims.length} claims`}
          </a>
        </p>
      )}
    </>
  );
}

/** `wholeList`: the list is unfolded, and its links keep it so (`&claims=all`), with or without JavaScript. */
type ItemProps = { articleId: string; claim: DeskClaim; selected: boolean; wholeList: boolean };

// Every refresh brings new claim objects; an item whose claim reads the same is not drawn again.
const sameItem = (a: ItemProps, b: ItemProps) =>
  a.articleId === b.articleId &&
  a.selected === b.selected &&
  a.wholeList === b.wholeList &&
  a.claim.id === b.claim.id &&
  a.claim.statement === b.claim.statement &&
  a.claim.verdict === b.claim.verdict &&
  a.claim.status === b.claim.status &&
  a.claim.anchorState === b.claim.anchorState;

// The link and badges inside are written as one string (desk-claims.ts), the same on every render of
// the same claim, so React leaves them (and the focus on the link) alone when the item is selected.
const ClaimItem = memo(function ClaimItem({ articleId, claim, selected, wholeList }: ItemProps) {
  return (
    <li
      className={selected ? "selected" : undefined}
      data-testid="claim-item"
      dangerouslySetInnerHTML={{ __html: claimItemHtml(articleId, claim, wholeList) }}
    />
  );
}, sameItem);
