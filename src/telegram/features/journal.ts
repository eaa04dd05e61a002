/** STUB: replaced by the journal feature. */
import { Composer } from 'telegraf';
import type { BotContext } from '../context.ts';

export const journalFeature = new Composer<BotContext>();
