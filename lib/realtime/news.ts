import { type PersonalNews, type RealtimeEvent, realtimeEvents } from "./channels";

/**
 * One `news` event per person for a whole delivery: every news event's notifications and
 * assignment flag, gathered per channel; channels whose gatherings are alike share one event again
 * (an add's newcomers all get the same). Other events pass through unchanged, ahead of the news.
 */
export function mergeNews(events: readonly RealtimeEvent[]): RealtimeEvent[] {
  const others: RealtimeEvent[] = [];
  const news: PersonalNews[] = [];
  // Which news events each channel is in, as their positions: channels with the same list get the same event.
  const sources = new Map<string, number[]>();
  for (const event of events) {
    if (event.event !== realtimeEvents.news) {
      others.push(event);
      continue;
    }
    const index = news.push(event.data as PersonalNews) - 1;
    for (const channel of event.channels) {
      const list = sources.get(channel);
      if (list) {
        if (list.at(-1) !== index) list.push(index);
      } else sources.set(channel, [index]);
    }
  }
  const merged = new Map<string, RealtimeEvent & { channels: string[] }>();
  for (const [channel, list] of sources) {
    const key = list.join(",");
    const event = merged.get(key);
    if (event) event.channels.push(channel);
    else merged.set(key, { channels: [channel], event: realtimeEvents.news, data: gather(list.map((index) => news[index]!)) });
  }
  return [...others, ...merged.values()];
}

function gather(parts: readonly PersonalNews[]): PersonalNews {
  if (parts.length === 1) return parts[0]!;
  return { notifications: parts.flatMap((part) => part.notifications), assignments: parts.some((part) => part.assignments) };
}
