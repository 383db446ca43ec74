// Collects what goes wrong in the page itself — uncaught errors, rejected
// promises, console.error calls and Content-Security-Policy violations — in
// window.regnetErrors and shows it in the error bar, so that a broken page
// says so instead of silently doing nothing (and a browser test can read why).
// A classic script loaded before the modules, so that it sees their errors too.
'use strict';
(() => {
  const errors = [];
  window.regnetErrors = errors;

  function record(message) {
    errors.push(String(message));
    const bar = document.querySelector('[data-testid="error"]');
    if (bar) {
      bar.textContent = `The page hit an error: ${message}`;
      bar.hidden = false;
    }
  }

  window.addEventListener('error', (e) => {
    // A failed <script> or <link> load fires on the element, with no message.
    const where = e.target && e.target !== window ? ` (${e.target.src || e.target.href || e.target.tagName})` : '';
    record(`${e.message || 'resource failed to load'}${where}`);
  }, true);
  window.addEventListener('unhandledrejection', (e) => {
    record(`unhandled rejection: ${e.reason && e.reason.message ? e.reason.message : e.reason}`);
  });
  document.addEventListener('securitypolicyviolation', (e) => {
    record(`Content-Security-Policy blocked ${e.blockedURI || 'inline code'} (${e.violatedDirective})`);
  });
  const consoleError = console.error.bind(console);
  console.error = (...args) => {
    record(args.map((a) => (a && a.message) || String(a)).join(' '));
    consoleError(...args);
  };
})();
