/** A feature's part of /settings (a leaf: the features export sections, settings.ts lists them). */
import type { BotContext } from '../context.ts';

export interface SettingsSection {
  id: string;
  label: string;
  open: (ctx: BotContext) => Promise<unknown>;
}
