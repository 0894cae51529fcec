import { exportDashboardCsv } from "@/lib/dashboard/dashboard-csv";
import { apiRoute } from "@/lib/http/api";

export const dynamic = "force-dynamic";

/** A dashboard chart's numbers as CSV (the page links one per chart). */
export const GET = apiRoute<{ chart: string }>(async ({ actor, params }) => {
  const { filename, csv } = await exportDashboardCsv(actor, params.chart);
  return new Response(csv, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});
