/** Asks the server for a group's current epoch; null when the person may not read the group. */
export type EpochSource = (groupId: string) => Promise<number | null>;

/** A group's readers move to its new epoch spread over this long, not all in the same instant. */
export const EPOCH_JITTER_MS = 2000;

/**
 * The newest realtime epoch a page knows of each group (see `group_channel_epochs`), as an external
 * store: its channels are subscribed at that epoch. An announcement on the old channels moves the
 * group after a random wait of up to `jitterMs` (one move per group, however many of the page's
 * parts heard it), and a refused subscription asks the server whether the epoch moved on while the
 * page was not listening. It only ever moves forward.
 */
export class GroupEpochs {
  private readonly known = new Map<string, number>();
  private readonly moves = new Map<string, { to: number; timer: ReturnType<typeof setTimeout> }>();
  private readonly asking = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private closed = false;

  constructor(
    private readonly source?: EpochSource,
    private readonly jitterMs = EPOCH_JITTER_MS,
    private readonly random: () => number = Math.random,
  ) {}

  /** The epoch to subscribe a group's channels at: the page's, or a newer one learnt since. */
  epochOf = (groupId: string, rendered: number): number => Math.max(rendered, this.known.get(groupId) ?? rendered);

  onChange = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The old channels announced a new epoch: move there after a random wait. */
  announced(groupId: string, epoch: number) {
    if (this.closed || epoch <= (this.known.get(groupId) ?? -1)) return;
    const planned = this.moves.get(groupId);
    if (planned) {
      planned.to = Math.max(planned.to, epoch);
      return;
    }
    const move = {
      to: epoch,
      timer: setTimeout(() => {
        this.moves.delete(groupId);
        this.move(groupId, move.to);
      }, this.random() * this.jitterMs),
    };
    this.moves.set(groupId, move);
  }

  /**
   * A subscription at `epoch` failed: the epoch may have moved on meanwhile (a drop, a page read
   * earlier). Asks the server, once at a time per group; a real refusal (the person lost the group)
   * ends here, since the answer is then no newer epoch.
   */
  refused(groupId: string, epoch: number) {
    if (!this.source || this.closed || this.asking.has(groupId)) return;
    this.asking.add(groupId);
    void this.source(groupId)
      .then((current) => {
        if (current !== null && current > epoch) this.move(groupId, current);
      })
      .catch(() => undefined)
      .finally(() => this.asking.delete(groupId));
  }

  private move(groupId: string, epoch: number) {
    if (this.closed || epoch <= (this.known.get(groupId) ?? -1)) return;
    this.known.set(groupId, epoch);
    for (const listener of this.listeners) listener();
  }

  close() {
    this.closed = true;
    for (const move of this.moves.values()) clearTimeout(move.timer);
    this.moves.clear();
  }
}
