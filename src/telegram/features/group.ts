/**
 * The cell's group changing under the bot: upgraded to a supergroup (its id changes), the
 * bot removed or kicked (the cell is unlinked and its secretary told privately), the bot
 * added to a group (it says how to link it).
 */
import { Composer } from 'telegraf';
import { message } from 'telegraf/filters';
import type { ChatMember } from 'telegraf/types';
import type { BotContext } from '../context.ts';
import { t } from '../texts/index.ts';

export const groupFeature = new Composer<BotContext>();

groupFeature.on(message('migrate_to_chat_id'), async (ctx) => {
  await ctx.services.groups.migrate(ctx.chat.id, ctx.message.migrate_to_chat_id);
});

groupFeature.on(message('migrate_from_chat_id'), async (ctx) => {
  await ctx.services.groups.migrate(ctx.message.migrate_from_chat_id, ctx.chat.id);
});

const inGroup = (m: ChatMember) => m.status === 'creator' || m.status === 'administrator' || m.status === 'member' || (m.status === 'restricted' && m.is_member);

groupFeature.on('my_chat_member', async (ctx) => {
  const { chat, old_chat_member: was, new_chat_member: now } = ctx.myChatMember;
  if (chat.type !== 'group' && chat.type !== 'supergroup') return;
  if (inGroup(was) && !inGroup(now)) await ctx.services.groups.removed(chat.id);
  else if (!inGroup(was) && inGroup(now)) await ctx.reply(t.group.greeting);
});
