export * from "./accounts";
export * from "./audit";
export * from "./chat";
export * from "./groups";
export * from "./learning";
export * from "./notifications";
export * from "./people";
export * from "./statistics";
