import { z } from "zod";

/**
 * One submission of a lesson: "Mark as complete", or a quiz's answers (the chosen option of each
 * question, in order). Whether the lesson has a quiz, how many questions, and whether each answer is
 * one of its question's options, the operation checks: its error names the question.
 */
export const completeLessonSchema = z.object({
  lessonId: z.uuid(),
  operationId: z.uuid(),
  answers: z.array(z.int()).max(100).optional(),
});
