/** STUB: replaced by the dues feature. */
import { Composer } from 'telegraf';
import type { BotContext } from '../context.ts';
import type { SettingsSection } from './settings.ts';

export const duesFeature = new Composer<BotContext>();

/** This feature's sections of /settings. */
export const duesSettings: SettingsSection[] = [];
