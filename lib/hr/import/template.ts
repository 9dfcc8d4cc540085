import { IMPORT_COLUMNS } from "./csv";

/** What "Download the template" gives: the header row and two examples (docs/hr-import.md explains each column). */
export const IMPORT_TEMPLATE = [
  IMPORT_COLUMNS.join(","),
  "ada.lovelace@example.com,Ada Lovelace,Engineering,grace.hopper@example.com,Onboarding Q1;Security basics",
  'grace.hopper@example.com,"Hopper, Grace",Engineering,,',
  "",
].join("\r\n");
