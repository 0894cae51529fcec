"use client";

import { useEffect, useState } from "react";
import { checkClaimFiguresAction } from "@/app/actions/figures";
import { FigureWarningList } from "@/app/components/figure-warnings";
import type { FigureCheck } from "@/lib/claim-figures/check-claim-figures";

/** The claim's figure warnings, checked again whenever the claim gets a new version. */
export function FigureWarningsSection({ claimId, version }: { claimId: string; version: number }) {
  const [loaded, setLoaded] = useState<{ key: string; check: FigureCheck | null; error: string | null } | null>(null);
  const key = `${claimId}:${version}`;
  useEffect(() => {
    let current = true;
    void checkClaimFiguresAction(claimId).then((result) => {
      if (!current) return;
      setLoaded({
        key: `${claimId}:${version}`,
        check: result.ok ? (result.data ?? null) : null,
        error: result.ok ? null : result.error,
      });
    });
    return () => {
      current = false;
    };
  }, [claimId, version]);
  if (!loaded || loaded.key !== key) return null;
  if (loaded.error) return <p className="error small">{loaded.error}</p>;
  return <FigureWarningList warnings={loaded.check?.warnings ?? []} id={`figure-warnings-${claimId}`} />;
}
