/** STUB: replaced by the meetings feature. */
import { Composer } from 'telegraf';
import type { BotContext } from '../context.ts';
import type { SettingsSection } from './settings.ts';

export const meetingsFeature = new Composer<BotContext>();

/** This feature's sections of /settings. */
export const meetingsSettings: SettingsSection[] = [];
