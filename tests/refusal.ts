import { AppError } from "@/lib/errors";

/** How a permission check answered: a refusal's code, or what the attempt itself returned. */
export async function refusalOr<T>(attempt: () => Promise<T>): Promise<T | "forbidden" | "not_found"> {
  try {
    return await attempt();
  } catch (error) {
    if (error instanceof AppError && (error.code === "forbidden" || error.code === "not_found")) return error.code;
    throw error;
  }
}
