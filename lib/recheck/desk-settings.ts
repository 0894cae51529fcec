import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { deskSettings } from "@/db/schema";
import { getDb, type Db, type Tx } from "@/lib/database";
import { recordAudit } from "../audit/record-audit";
import { authorize } from "../auth/authorize";
import type { Actor } from "../auth/permissions";
import { AppError, parseInput } from "../errors";

export interface DeskSettingsView {
  recheckDays: number;
  recheckMovingDays: number;
  version: number;
}

/** The desk's settings (the single row, created with its defaults on first read). */
export async function readDeskSettings(db: Db | Tx): Promise<DeskSettingsView> {
  const pick = {
    recheckDays: deskSettings.recheckDays,
    recheckMovingDays: deskSettings.recheckMovingDays,
    version: deskSettings.version,
  };
  const [row] = await db.select(pick).from(deskSettings).where(eq(deskSettings.id, 1));
  if (row) return row;
  await db.insert(deskSettings).values({ id: 1 }).onConflictDoNothing();
  const [created] = await db.select(pick).from(deskSettings).where(eq(deskSettings.id, 1));
  return created!;
}

export async function getDeskSettings(actor: Actor | null): Promise<DeskSettingsView> {
  await authorize(actor, "claim:read", { type: "settings" });
  return readDeskSettings(await getDb());
}

const days = z.coerce.number().int("Whole days, please.").min(1, "At least 1 day.").max(3650, "At most 3650 days (10 years).");
export const deskSettingsSchema = z.strictObject({
  recheckDays: days,
  recheckMovingDays: days,
  version: z.coerce.number().int().min(1),
});

/** Admins change the default re-check periods; 409 when someone else saved in between. */
export async function updateDeskSettings(actor: Actor | null, input: unknown): Promise<DeskSettingsView> {
  const user = await authorize(actor, "settings:manage", { type: "settings" });
  const data = parseInput(deskSettingsSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const before = await readDeskSettings(tx);
    const [row] = await tx
      .update(deskSettings)
      .set({
        recheckDays: data.recheckDays,
        recheckMovingDays: data.recheckMovingDays,
        version: sql`${deskSettings.version} + 1`,
        updatedBy: user.id,
        updatedAt: new Date(),
      })
      .where(sql`${deskSettings.id} = 1 and ${deskSettings.version} = ${data.version}`)
      .returning({
        recheckDays: deskSettings.recheckDays,
        recheckMovingDays: deskSettings.recheckMovingDays,
        version: deskSettings.version,
      });
    if (!row) {
      throw new AppError("conflict", "Someone else changed these settings since you opened them. Nothing was saved.", undefined, {
        current: before,
      });
    }
    await recordAudit(tx, {
      actorId: user.id,
      action: "settings.update",
      targetType: "settings",
      targetId: "desk",
      before: { recheckDays: before.recheckDays, recheckMovingDays: before.recheckMovingDays },
      after: { recheckDays: row.recheckDays, recheckMovingDays: row.recheckMovingDays },
    });
    return row;
  });
}
