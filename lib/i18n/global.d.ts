import type { Messages } from "./catalogue";
import type { formats } from "./formats";

declare module "next-intl" {
  interface AppConfig {
    Messages: Messages;
    Formats: typeof formats;
  }
}
