import { z } from "zod";

/**
 * One submission of a lesson: "Mark as complete", or a quiz's answers (the chosen option of each
 * question, in order). Whether the lesson has a quiz, and how many questions, the service checks.
 */
export const completeLessonSchema = z.object({
  lessonId: z.uuid(),
  operationId: z.uuid(),
  answers: z.array(z.int().min(0).max(100)).max(100).optional(),
});
