import type { Messages } from "./catalogue";

declare module "next-intl" {
  interface AppConfig {
    Messages: Messages;
  }
}
