import { testPorts } from "@/tests/ports";
import { callControl } from "./control";

/** Stops the e2e tier's soketi for real: every socket closes, and publishing fails until it is back. */
export const stopSoketi = () => callControl(testPorts.e2eControl, "/soketi/stop");
/** Starts it again, on the same port; resolves once it answers. */
export const startSoketi = () => callControl(testPorts.e2eControl, "/soketi/start");
