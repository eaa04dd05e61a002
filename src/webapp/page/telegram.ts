/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/** The part of Telegram's `window.Telegram.WebApp` the page uses. */
export interface TelegramButton {
  setText(text: string): void;
  show(): void;
  hide(): void;
  enable(): void;
  disable(): void;
  showProgress(leaveActive?: boolean): void;
  hideProgress(): void;
  onClick(fn: () => void): void;
  offClick(fn: () => void): void;
}

export interface TelegramWebApp {
  initData: string;
  themeParams: Record<string, string | undefined>;
  colorScheme?: 'light' | 'dark';
  ready(): void;
  expand(): void;
  onEvent(event: 'themeChanged', fn: () => void): void;
  MainButton: TelegramButton;
  BackButton: Pick<TelegramButton, 'show' | 'hide' | 'onClick' | 'offClick'>;
  showConfirm?(message: string, callback: (ok: boolean) => void): void;
}

export function webApp(): TelegramWebApp | undefined {
  return (window as unknown as { Telegram?: { WebApp?: TelegramWebApp } }).Telegram?.WebApp;
}

/** themeParams (bg_color, text_color …) as CSS variables (--tg-bg-color …) on the root. */
export function applyTheme(tg: TelegramWebApp): void {
  const root = document.documentElement.style;
  for (const [k, v] of Object.entries(tg.themeParams ?? {})) {
    if (typeof v === 'string' && /^#[0-9a-f]{3,8}$/i.test(v)) root.setProperty(`--tg-${k.replace(/_/g, '-')}`, v);
  }
}

export function confirm(tg: TelegramWebApp, message: string): Promise<boolean> {
  return new Promise((resolve) => (tg.showConfirm ? tg.showConfirm(message, resolve) : resolve(window.confirm(message))));
}
