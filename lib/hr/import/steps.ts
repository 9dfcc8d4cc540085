import { applyJob } from "./operations/apply-job";
import { claimForApplying } from "./operations/claim-for-applying";
import { markFailed } from "./operations/mark-failed";
import { markInvalid } from "./operations/mark-invalid";
import { markReady } from "./operations/mark-ready";
import { recordJob } from "./operations/record-job";
import { stageRows } from "./operations/stage-rows";

/** The import's steps, each a kernel operation: what the inventory and the replay tests read. */
export const importSteps = { recordJob, markInvalid, stageRows, markReady, claimForApplying, applyJob, markFailed } as const;
