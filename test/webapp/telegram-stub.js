// A stand-in for Telegram's telegram-web-app.js, for the browser tests only (never served by the
// bot: the test answers the page's request for Telegram's script with this file). The test puts
// the signed init data and the theme in window.__tgInit before the page loads.
(() => {
  const init = window.__tgInit || {};
  const button = (name) => {
    const handlers = new Set();
    const b = {
      text: '',
      isVisible: false,
      isActive: true,
      isProgressVisible: false,
      setText(t) {
        b.text = t;
        return b;
      },
      show() {
        b.isVisible = true;
        return b;
      },
      hide() {
        b.isVisible = false;
        return b;
      },
      enable() {
        b.isActive = true;
        return b;
      },
      disable() {
        b.isActive = false;
        return b;
      },
      showProgress() {
        b.isProgressVisible = true;
        return b;
      },
      hideProgress() {
        b.isProgressVisible = false;
        return b;
      },
      onClick(fn) {
        handlers.add(fn);
        return b;
      },
      offClick(fn) {
        handlers.delete(fn);
        return b;
      },
      /** What a tap on Telegram's button does. */
      click() {
        for (const fn of [...handlers]) fn();
      },
    };
    window.__tgButtons = window.__tgButtons || {};
    window.__tgButtons[name] = b;
    return b;
  };
  window.Telegram = {
    WebApp: {
      initData: init.initData || '',
      themeParams: init.themeParams || {},
      colorScheme: 'light',
      ready() {
        window.__tgReady = true;
      },
      expand() {},
      onEvent() {},
      showConfirm(message, cb) {
        window.__tgConfirmed = message;
        cb(true);
      },
      MainButton: button('main'),
      BackButton: button('back'),
    },
  };
})();
