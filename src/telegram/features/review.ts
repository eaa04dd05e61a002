/** STUB: replaced by the review feature. */
import { Composer } from 'telegraf';
import type { BotContext } from '../context.ts';
import type { SettingsSection } from './settings.ts';

export const reviewFeature = new Composer<BotContext>();

/** This feature's sections of /settings. */
export const reviewSettings: SettingsSection[] = [];
