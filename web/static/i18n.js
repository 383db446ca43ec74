// The explorer's words in Vietnamese (first) and English, from the server's
// one table of names (/labels.json). The language comes from the address
// (?lang=en), else from the last choice (localStorage), else Vietnamese.

const LANGS = ['vi', 'en'];
let table = null;

/** lang is the language the page is shown in. */
export const lang = (() => {
  const asked = new URLSearchParams(location.search).get('lang');
  if (LANGS.includes(asked)) return asked;
  try {
    const saved = localStorage.getItem('regnet.lang');
    if (LANGS.includes(saved)) return saved;
  } catch { /* storage may be off; Vietnamese then */ }
  return 'vi';
})();

/** loadLabels fetches the table of names; the page waits for it before drawing anything. */
export async function loadLabels() {
  const res = await fetch('/labels.json');
  if (!res.ok) throw new Error(`labels.json: HTTP ${res.status}`);
  table = await res.json();
}

const pick = (section, code) => table?.[section]?.[code]?.[lang] ?? code;

/** t is an explorer phrase; %s in it is replaced by the arguments in turn. */
export function t(key, ...args) {
  let s = pick('ui', key);
  for (const a of args) s = s.replace('%s', a);
  return s;
}

/** names gives the shown name of each kind of code. */
export const names = {
  kind: (code) => pick('kinds', code),
  role: (code) => pick('roles', code),
  edge: (code) => pick('links', code),
  level: (code) => pick('levels', code),
  status: (code) => pick('statuses', code),
  deadline: (code) => pick('deadlines', code),
  action: (code) => pick('handoffActions', code),
  tag: (code) => pick('tags', code),
  ui: (key) => t(key),
};

/** areaNames joins areas by their (ontology) names, as the API gives them. */
export const areaNames = (areas) => areas.map((a) => a.name).join(', ');

/** actionTags shows a handoff rule's actions by name, the code as tooltip; h builds elements. */
export const actionTags = (h, actions) => actions.flatMap((a) => [
  h('span', { class: 'action', 'data-action': a, title: a }, names.action(a)), ' ']);

// How an evidence tag is shown: a role by its name, a partner or a report's
// recipient by the tag's name (the words quoted name the agency), a field or
// area by its code.
export const evidenceLabel = (e) => (e.tag === 'PARTNER' || e.tag === 'REPORTS_TO' ? names.tag(e.tag)
  : e.tag === 'ROLE' ? names.role(e.value) : e.value);

/**
 * translatePage sets the page's language and the words of its fixed parts
 * (elements with data-i18n, data-i18n-placeholder, data-i18n-aria-label),
 * and wires the language switch: it remembers the choice and puts it in the
 * address.
 */
export function translatePage(switcher) {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of document.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  const other = lang === 'vi' ? 'en' : 'vi';
  switcher.textContent = t('switch');
  switcher.lang = other;
  switcher.dataset.lang = other;
  switcher.addEventListener('click', () => {
    try { localStorage.setItem('regnet.lang', other); } catch { /* the address still carries it */ }
    const url = new URL(location.href);
    url.searchParams.set('lang', other);
    location.assign(url);
  });
}
