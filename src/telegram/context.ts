import type { Context } from 'telegraf';
import type { Services } from '../services/index.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../log.ts';
import type { Cell, Member } from '../core/members.ts';

/** Who sent the update, resolved once per update. */
export interface Actor {
  tgId: number;
  /** Display name from Telegram. */
  tgName: string;
  isAdmin: boolean;
  cell?: Cell;
  /** The member record in any state (applying, pending, active, …). */
  member?: Member;
}

/** What every handler finds on its context; put there by one middleware, never imported. */
export interface BotContext extends Context {
  services: Services;
  clock: Clock;
  log: Logger;
  actor: Actor;
  /** The Mini App's address when it is on (WEBAPP_URL); screens add their form's button. */
  webappUrl?: string;
}
