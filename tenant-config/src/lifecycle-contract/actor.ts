import type { ActorType } from './closed-sets';

/** Who did something, as the timeline records it; `id` and `name` are null for complainants and the system. */
export interface Actor {
  type: ActorType;
  id: string | null;
  name: string | null;
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: null, name: null };
