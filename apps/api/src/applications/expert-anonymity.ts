import type { HistoryEventView } from './application.views';

/**
 * Expert review is anonymous to the enterprise (专家评审): its events keep their action, states and
 * time, but not who the expert is, their score, their recommended amount or their opinion. The
 * chain's hashes stay, so the enterprise can still see the history is unbroken. Staff see everything.
 */
export function anonymiseExpertReview(event: HistoryEventView): HistoryEventView {
  if (event.actorRole !== 'expert') return event;
  const type = (event.data as { event?: { type?: unknown } }).event?.type;
  return {
    ...event,
    actorId: null,
    actorName: null,
    comment: null,
    amountFen: null,
    data: typeof type === 'string' ? { event: { type } } : {},
  };
}
