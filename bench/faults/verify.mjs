// The end of the load-and-faults run: every write a client was answered 2xx for must be in the
// database. A claim must exist at the acknowledged version or a later one (others may have changed
// it since), and at exactly that version hold what was acknowledged; every acknowledged article,
// source, comment and review must exist.
import postgres from "postgres";

export async function findLostWrites(databaseUrl, acks) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const lost = [];
  try {
    const byId = async (table, ids, columns) => {
      const list = [...ids];
      const rows = [];
      for (let i = 0; i < list.length; i += 1000) {
        rows.push(...(await sql`select ${sql(columns)} from ${sql(table)} where id in ${sql(list.slice(i, i + 1000))}`));
      }
      return new Map(rows.map((r) => [r.id, r]));
    };

    const articles = await byId("articles", acks.articles, ["id"]);
    for (const id of acks.articles) if (!articles.has(id)) lost.push(`article ${id} (answered 201) is missing`);

    const claims = await byId("claims", acks.claims.keys(), ["id", "version", "statement", "verdict", "status"]);
    for (const [id, ack] of acks.claims) {
      const row = claims.get(id);
      if (!row) lost.push(`claim ${id} (acknowledged at version ${ack.version}) is missing`);
      else if (row.version < ack.version) lost.push(`claim ${id}: version ${row.version} < acknowledged ${ack.version}`);
      else if (row.version === ack.version) {
        for (const field of ["statement", "verdict", "status"]) {
          if (row[field] !== ack[field])
            lost.push(`claim ${id} v${ack.version}: ${field} "${row[field]}", acknowledged "${ack[field]}"`);
        }
      }
    }

    const sources = await byId("sources", acks.sources.keys(), ["id", "claim_id"]);
    for (const [id, claimId] of acks.sources) {
      if (sources.get(id)?.claim_id !== claimId) lost.push(`source ${id} of claim ${claimId} is missing`);
    }
    const comments = await byId("comments", acks.comments.keys(), ["id", "claim_id"]);
    for (const [id, claimId] of acks.comments) {
      if (comments.get(id)?.claim_id !== claimId) lost.push(`comment ${id} on claim ${claimId} is missing`);
    }
    const reviews = await byId("reviews", acks.reviews.keys(), ["id", "claim_id", "decision"]);
    for (const [id, ack] of acks.reviews) {
      const row = reviews.get(id);
      if (row?.claim_id !== ack.claimId || row?.decision !== ack.decision)
        lost.push(`review ${id} (${ack.decision}) of claim ${ack.claimId} is missing`);
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
  return lost;
}
