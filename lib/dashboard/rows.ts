// The dashboard queries read raw rows through the one helper every driver shape goes through.
export { rowsOf } from "@/lib/database";
