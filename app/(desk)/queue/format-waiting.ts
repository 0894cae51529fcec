/** How long a claim has waited, as a reviewer reads it at a glance: "12 min", "3 h", "2 d". */
export function formatWaiting(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return "under 1 min";
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}
