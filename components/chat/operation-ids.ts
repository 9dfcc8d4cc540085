import { useCallback, useRef } from "react";

/**
 * One operation id per intent (this message's edit to this text, its delete, its "answered"): a
 * second click while the first is on its way sends the same id, so the server answers it as a replay
 * instead of doing the work twice. Once answered, the intent is over: trying again, after a failure
 * too, is a new operation with a fresh id.
 */
export function useIntentOperations() {
  const inFlight = useRef(new Map<string, string>());
  return useCallback(async <T>(intent: string, send: (operationId: string) => Promise<T>): Promise<T> => {
    const operationId = inFlight.current.get(intent) ?? crypto.randomUUID();
    inFlight.current.set(intent, operationId);
    try {
      return await send(operationId);
    } finally {
      if (inFlight.current.get(intent) === operationId) inFlight.current.delete(intent);
    }
  }, []);
}
