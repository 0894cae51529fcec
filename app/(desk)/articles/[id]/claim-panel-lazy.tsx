"use client";

import { type ComponentProps, lazy, Suspense } from "react";
import type { ClaimPanel as Panel } from "./claim-panel";

/**
 * The claim panel's code (the editing form, its sections and their server actions: the largest
 * part of the page's own JavaScript) in a chunk of its own, fetched when a claim opens rather than
 * with the page (issue 13: first-load JavaScript). A page opened on a claim (`?claim=<id>`) still
 * renders the panel on the server; the browser then fetches the chunk to hydrate it.
 * React's own `lazy` rather than `next/dynamic`, which would bring 2 kB of its own to every load.
 */
const loadClaimPanel = () => import("./claim-panel");

/** Starts fetching the panel's chunk (the bundler fetches it once; later calls reuse it). */
export function preloadClaimPanel(): void {
  // A failed fetch (a deploy removed the chunk, the network dropped) surfaces when the panel
  // renders, through the page's error boundary; here it would only be an unhandled rejection.
  loadClaimPanel().catch(() => {});
}

const LazyPanel = lazy(() => loadClaimPanel().then((m) => ({ default: m.ClaimPanel })));

/**
 * The panel, for the server page to render. A function around the lazy component: exported itself,
 * the lazy object would reach the browser wrapped in the payload's own lazy reference, which React
 * refuses (error 306: a lazy type must resolve to a function).
 *
 * In a Suspense boundary of its own, so that a page opened on a claim (`?claim=<id>`) hydrates the
 * rest of the page (text, list, selection) at once and keeps the panel's server HTML on screen until
 * its chunk arrives: without it the whole page would wait, unresponsive, for that one fetch. A claim
 * opened from the page starts the fetch with the navigation (claim-switch.tsx), so the chunk is
 * usually there before the new page is; the empty fallback shows only if it is not.
 */
export function ClaimPanel(props: ComponentProps<typeof Panel>) {
  return (
    <Suspense fallback={null}>
      <LazyPanel {...props} />
    </Suspense>
  );
}
