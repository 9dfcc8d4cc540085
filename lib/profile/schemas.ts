import { z } from "zod";
import { isProfileLocale, isTimeZone } from "@/lib/i18n/locales";
import { textField } from "@/lib/text";

/** Messages are catalogue keys under `validation.*`, rendered beside the field. */
export const PERSON_NAME_MAX = 120;

/** An empty choice means "the company's default", stored as null. */
const companyDefaultOr = (valid: (value: string) => boolean, error: string) =>
  z.preprocess((value) => (value === "" || value === undefined ? null : value), z.string().refine(valid, { error }).nullable());

export const updateProfileSchema = z.object({
  name: textField({ max: PERSON_NAME_MAX, tooLong: "validation.nameTooLong", required: "validation.personNameRequired" }),
  timeZone: companyDefaultOr(isTimeZone, "validation.timeZoneUnknown"),
  locale: companyDefaultOr(isProfileLocale, "validation.localeUnknown"),
  operationId: z.uuid(),
});

export type UpdateProfileInput = z.output<typeof updateProfileSchema>;
