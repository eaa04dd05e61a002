/** The shapes every notice renderer shares (a leaf: the feature files and index.ts import it, it imports no renderer). */
import type { InlineKeyboardMarkup, MenuButton } from 'telegraf/types';
import type { Notice } from '../../core/notices.ts';

export interface Rendered {
  text: string;
  markup?: InlineKeyboardMarkup;
  /** Set as the recipient's menu button once the message is sent (the Mini App's, during a review). */
  menuButton?: MenuButton;
}

/** What renderers may know of the deployment: the Mini App's address, when it is on. */
export interface RenderEnv {
  webappUrl?: string;
}

export type Renderers<K extends Notice['kind']> = { [P in K]: (n: Extract<Notice, { kind: P }>, env: RenderEnv) => Rendered };
