/** The shapes every notice renderer shares (a leaf: the feature files and index.ts import it, it imports no renderer). */
import type { InlineKeyboardMarkup } from 'telegraf/types';
import type { Notice } from '../../core/notices.ts';

export interface Rendered {
  text: string;
  markup?: InlineKeyboardMarkup;
}

export type Renderers<K extends Notice['kind']> = { [P in K]: (n: Extract<Notice, { kind: P }>) => Rendered };
