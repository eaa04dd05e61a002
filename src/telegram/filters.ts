/** Pure predicates over the context: who the sender is and where the update comes from. */
import { can, isCommitteeRole, type Member } from '../core/members.ts';
import type { BotContext } from './context.ts';
import type { Audience } from './texts/help.ts';

export const isPrivate = (ctx: BotContext): boolean => ctx.chat?.type === 'private';
export const isGroup = (ctx: BotContext): boolean => ctx.chat?.type === 'group' || ctx.chat?.type === 'supergroup';
export const isAdmin = (ctx: BotContext): boolean => ctx.actor.isAdmin;
/** An approved member of a cell (including those exempted from activity). */
export const isMember = (ctx: BotContext): boolean => can(ctx.actor.member, 'member');
export const isCommittee = (ctx: BotContext): boolean => can(ctx.actor.member, 'cell.read');
export const isSecretary = (ctx: BotContext): boolean => can(ctx.actor.member, 'cell.manage');
export const isCollector = (ctx: BotContext): boolean => can(ctx.actor.member, 'dues.collect');

/** The audiences a user belongs to, for /help and the command menu. */
export const audiencesOf = (ctx: BotContext): Audience[] => audiencesFor(ctx.actor.isAdmin, ctx.actor.member);

export function audiencesFor(admin: boolean, m: Member | undefined): Audience[] {
  const a: Audience[] = ['anyone'];
  if (admin) a.push('admin');
  if (can(m, 'member')) a.push('member');
  if (m && can(m, 'member') && isCommitteeRole(m.role)) a.push('committee');
  if (can(m, 'cell.manage')) a.push('secretary');
  return a;
}
