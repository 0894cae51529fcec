"use client";

import { type ComponentProps, lazy } from "react";
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
  void loadClaimPanel();
}

const LazyPanel = lazy(() => loadClaimPanel().then((m) => ({ default: m.ClaimPanel })));

/**
 * The panel, for the server page to render. A function around the lazy component: exported itself,
 * the lazy object would reach the browser wrapped in the payload's own lazy reference, which React
 * refuses (error 306: a lazy type must resolve to a function). No Suspense fallback: a claim opens
 * in a navigation (a transition), which keeps the page as it was until the panel's code is there,
 * so the panel appears whole, never a placeholder first.
 */
export function ClaimPanel(props: ComponentProps<typeof Panel>) {
  return <LazyPanel {...props} />;
}
