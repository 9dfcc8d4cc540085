import { z } from "zod";
import { notificationLevelEnum } from "@/db/schema";

/** A level a person may choose, as input. */
export const levelSchema = z.enum(notificationLevelEnum.enumValues);
