import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentActor } from "@/lib/auth/current-user";
import { pageData } from "@/lib/http/page";
import { getSourceSnapshots } from "@/lib/sources/get-source-snapshots";
import { SourceHealthNote } from "../../../components/source-health-note";

export const metadata: Metadata = { title: "Source checks" };

const when = (iso: string) => iso.replace("T", " ").slice(0, 19) + " UTC";

/**
 * A source's saved copies. The text is shown in <pre> as React text: whatever the page held
 * (scripts, markup) is inert here; the live page is only ever a link.
 */
export default async function SourceSnapshotsPage({ params }: { params: Promise<{ sourceId: string }> }) {
  const { sourceId } = await params;
  const actor = await getCurrentActor();
  const data = await pageData(() => getSourceSnapshots(actor, sourceId));
  return (
    <div className="page">
      <p>
        <Link href={`/review/${data.source.claimId}`}>← Claim</Link>
      </p>
      <h1>Source: {data.source.title}</h1>
      <p>
        <a href={data.source.url} target="_blank" rel="noopener noreferrer">
          {data.source.url}
        </a>
        <SourceHealthNote sourceId={data.source.id} health={data.health} />
      </p>
      <h2>Checks</h2>
      {data.checks.length === 0 ? (
        <p>Not checked yet.</p>
      ) : (
        <table className="table" data-testid="source-checks">
          <thead>
            <tr>
              <th scope="col">Fetched</th>
              <th scope="col">Result</th>
              <th scope="col">Final address</th>
              <th scope="col">Type</th>
              <th scope="col">Size</th>
              <th scope="col">SHA-256</th>
            </tr>
          </thead>
          <tbody>
            {data.checks.map((c) => (
              <tr key={c.id}>
                <td>{when(c.fetchedAt)}</td>
                <td>
                  {c.outcome === "ok" ? `OK (${c.httpStatus})` : c.outcome === "http_error" ? `HTTP ${c.httpStatus}` : c.outcome}
                  {c.error && <div className="muted">{c.error}</div>}
                </td>
                <td>{c.finalUrl ?? "—"}</td>
                <td>{c.contentType ?? "—"}</td>
                <td>
                  {c.bytes.toLocaleString("en-GB")} bytes{c.truncated ? " (cut at the size limit)" : ""}
                </td>
                <td>
                  <code>{c.sha256 ? c.sha256.slice(0, 12) : "—"}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Text when cited</h2>
      {data.citedText === null ? (
        <p>No saved text.</p>
      ) : (
        <pre className="snapshot-text" data-testid="cited-text">
          {data.citedText}
        </pre>
      )}
      {data.latestText !== null && (
        <>
          <h2>Text now</h2>
          <pre className="snapshot-text" data-testid="latest-text">
            {data.latestText}
          </pre>
        </>
      )}
    </div>
  );
}
