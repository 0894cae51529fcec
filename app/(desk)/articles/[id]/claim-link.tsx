"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { useClaimSwitch } from "./claim-switch";

/** A link that opens a claim in the panel; the panel takes no input until that claim is in it. */
export function ClaimLink({
  href,
  claimId,
  className,
  children,
}: {
  href: string;
  claimId: string;
  className?: string;
  children: ReactNode;
}) {
  const { begin } = useClaimSwitch();
  return (
    <Link href={href} scroll={false} className={className} onClick={() => begin(claimId)}>
      {children}
    </Link>
  );
}
