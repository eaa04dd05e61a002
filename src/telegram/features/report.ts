/** STUB: replaced by the report feature. */
import { Composer } from 'telegraf';
import type { BotContext } from '../context.ts';

export const reportFeature = new Composer<BotContext>();
