/**
 * The group whose chat this tab shows, while the tab is visible: its page marks what arrives read
 * (`useReadMark`, a few seconds later), so the bell does not count those messages meanwhile. One
 * chat is open per tab.
 */
let open: string | null = null;

/** Called by the chat while it is mounted; returns what ends it. */
export function startReading(groupId: string): () => void {
  open = groupId;
  return () => {
    if (open === groupId) open = null;
  };
}

export const isReading = (groupId: string): boolean => open === groupId && document.visibilityState === "visible";
