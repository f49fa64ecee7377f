/** Who moves money: a finance user, a workflow actor, or the worker (`{ userId: 'system', role: 'system' }`). */
export interface FinanceActor {
  userId: string | null;
  role: string;
}

export const SYSTEM_ACTOR: FinanceActor = { userId: 'system', role: 'system' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The user id to store (a users row), or null for the system. */
export function actorUserId(actor: FinanceActor): string | null {
  return actor.userId !== null && UUID.test(actor.userId) ? actor.userId : null;
}
