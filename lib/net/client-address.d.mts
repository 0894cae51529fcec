import type { BlockList } from "node:net";

export function parseTrustedProxies(value: string | undefined): BlockList;
export function clientAddress(
  remoteAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: BlockList,
): string | null;
