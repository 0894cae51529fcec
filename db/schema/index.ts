export * from "./users";
export * from "./articles";
export * from "./claims";
export * from "./queue-counters";
export * from "./monitoring";
export * from "./suggestions";
export * from "./matching";
export * from "./api-tokens";
