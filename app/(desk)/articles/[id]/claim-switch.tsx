"use client";

import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";

/** Stands for "a claim that is being created": its id is not known yet. */
const NEW_CLAIM = "new";

interface ClaimSwitch {
  /** True from the moment another claim is asked for until its panel has replaced the old one. */
  switching: boolean;
  /** Call before creating a claim (its id comes later) or before opening another one. */
  begin: (claimId?: string) => void;
  /** The claim was not created after all: the current panel stays and is usable again. */
  cancel: () => void;
  /** Opens a claim in the panel (the page's URL says which). */
  open: (href: string, claimId: string) => void;
}

const Context = createContext<ClaimSwitch>({ switching: false, begin: () => {}, cancel: () => {}, open: () => {} });

/**
 * Keeps the claim panel from taking input while the page moves to another claim. Marking a claim
 * is a server round-trip and then a navigation; until the page comes back with the new claim, the
 * old claim's panel is still on screen, and whatever was typed into it went to the wrong claim.
 * The panel is inert from the click until the server-rendered `selectedClaimId` is the one asked for.
 */
export function ClaimSwitchProvider({ selectedClaimId, children }: { selectedClaimId: string | null; children: ReactNode }) {
  const router = useRouter();
  const [target, setTarget] = useState<string | null>(null);
  // The new panel arrived: the switch is over (set during render so that no frame shows it usable early).
  if (target !== null && target !== NEW_CLAIM && target === selectedClaimId) setTarget(null);

  const begin = useCallback((claimId?: string) => setTarget(claimId ?? NEW_CLAIM), []);
  const cancel = useCallback(() => setTarget(null), []);
  const open = useCallback(
    (href: string, claimId: string) => {
      if (claimId === selectedClaimId) return;
      setTarget(claimId);
      router.push(href, { scroll: false });
    },
    [router, selectedClaimId],
  );
  const switching = target !== null && target !== selectedClaimId;
  return <Context.Provider value={{ switching, begin, cancel, open }}>{children}</Context.Provider>;
}

export function useClaimSwitch(): ClaimSwitch {
  return useContext(Context);
}

/**
 * Wraps the claim panel: inert (no focus, no typing, no clicks) while another claim is on its way.
 * When another claim arrives, the sticky column scrolls back to its top, where the panel is.
 */
export function ClaimPanelSlot({ claimId, children }: { claimId: string; children: ReactNode }) {
  const { switching } = useClaimSwitch();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const side = ref.current?.closest<HTMLElement>(".side");
    if (side && side.scrollHeight > side.clientHeight) side.scrollTo({ top: 0 });
  }, [claimId]);
  return (
    <div
      ref={ref}
      inert={switching}
      aria-busy={switching}
      className={switching ? "panel-slot switching" : "panel-slot"}
      data-testid="panel-slot"
    >
      {children}
    </div>
  );
}
