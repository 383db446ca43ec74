// The explorer's page: choose a province and see its agency network; click an
// agency for its duties and handoffs with the provisions behind them, and the
// words each duty's tags were read from; search; follow a handoff chain. Each view is one GraphQL query (see api.js).
import { APIError, gql, Q } from './api.js';
import { drawNetwork, kindColour, markChain, markSelected } from './graph.js';
import { actionTags, areaNames, evidenceLabel, loadLabels, names, t, translatePage } from './i18n.js';
import { documentID, documentView, loadDocument } from './document.js';
import { showComparison } from './compare.js';
import { asOfVariables, initTimeline, showProvince } from './timeline.js';

const $ = (testid) => document.querySelector(`[data-testid="${testid}"]`);
const ui = {
  province: $('province'),
  network: $('network'),
  legend: $('legend'),
  error: $('error'),
  searchForm: $('search-form'),
  results: $('search-results'),
  panel: $('agency-panel'),
  chainForm: $('chain-form'),
  chainProvince: $('chain-province'),
  hops: $('chain-hops'),
  langSwitch: $('lang-switch'),
  documentView: $('document-view'),
  compareView: $('compare-view'),
  compareForm: $('compare-form'),
  compareResult: $('compare-result'),
};
const state = { province: '', selected: '' };

/**
 * h builds an HTML element. Children are elements or strings; strings become
 * text, never markup, so document text cannot inject anything. Attributes
 * whose value is null, undefined or false are left out; on* values are
 * event listeners.
 */
function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  e.append(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
  return e;
}

// What the user can do about each error code of the API (schema.graphqls):
// the phrase advice.CODE of the table of names.
const advice = (code) => {
  const key = `advice.${code}`;
  const text = t(key);
  return text === key ? '' : text;
};

/** showError says in the error bar what failed, the API's message and code. */
function showError(what, err) {
  if (!(err instanceof APIError)) {
    console.error(err); // a bug in the page, not an answer of the API
    return;
  }
  ui.error.textContent = `${t('failed', t(what))}: ${err.message} [${err.code}] ${advice(err.code)}`.trim();
  ui.error.dataset.code = err.code;
  ui.error.hidden = false;
}

function clearError() {
  ui.error.hidden = true;
  ui.error.textContent = '';
  delete ui.error.dataset.code;
}

const turns = {};
/**
 * turn starts a request of a kind and returns a check that stays true while
 * no newer request of that kind has started, so that a slow answer never
 * overwrites a newer one.
 */
function turn(kind) {
  const n = (turns[kind] = (turns[kind] ?? 0) + 1);
  return () => turns[kind] === n;
}

/** run does one user action: clears the old error, marks el busy, shows a new error. */
async function run(kind, what, el, work) {
  const current = turn(kind);
  clearError();
  el.setAttribute('aria-busy', 'true');
  try {
    await work(current);
  } catch (err) {
    if (current()) showError(what, err);
  } finally {
    if (current()) el.removeAttribute('aria-busy');
  }
}

// The address keeps the province and agency shown ("#province=…&agency=…"),
// so that a view can be bookmarked or sent to a colleague.
function saveView() {
  const params = new URLSearchParams();
  if (state.province) params.set('province', state.province);
  if (state.selected) params.set('agency', state.selected);
  history.replaceState(null, '', params.size ? `#${params}` : location.pathname);
}

function savedView() {
  const params = new URLSearchParams(location.hash.slice(1));
  return {
    province: params.get('province') || '', agency: params.get('agency') || '',
    view: params.get('view') || '', a: params.get('a') || '', b: params.get('b') || '',
  };
}

/** showView shows the network (with its panel and chain) or the comparison. */
function showView(compare) {
  for (const el of document.querySelectorAll('main, .chain, .time')) el.hidden = compare;
  ui.compareView.hidden = !compare;
}

/** compare shows provinces a and b side by side, and keeps them in the address. */
function compare(a, b) {
  ui.compareForm.elements.a.value = a;
  ui.compareForm.elements.b.value = b;
  history.replaceState(null, '', `#${new URLSearchParams({ view: 'compare', a, b })}`);
  return run('compare', 'do.compare', ui.compareResult, () => showComparison(ui.compareResult, h, provenance, a, b));
}

function loadNetwork(provinceId) {
  state.province = provinceId;
  ui.province.value = provinceId;
  ui.chainProvince.value = provinceId;
  saveView();
  return run('network', 'do.network', ui.network, async (current) => {
    if (!provinceId) return clearNetwork();
    let network;
    try {
      ({ network } = await gql(Q.network, { province: provinceId, ...asOfVariables() }));
    } catch (err) {
      if (current()) clearNetwork(); // never leave another province's drawing under this one's name
      throw err;
    }
    if (!current()) return;
    await drawNetwork(ui.network, ui.legend, network, selectAgency, names, showLink);
    if (!current()) return;
    markSelected(ui.network, state.selected);
    ui.network.dataset.province = provinceId;
    ui.network.dataset.asOf = asOfVariables().asOf ?? '';
  });
}

function clearNetwork() {
  ui.network.cy?.destroy();
  delete ui.network.cy;
  ui.network.replaceChildren();
  ui.legend.replaceChildren();
  delete ui.network.dataset.province;
}

function selectAgency(id) {
  state.selected = id;
  saveView();
  markSelected(ui.network, id);
  return run('agency', 'do.agency', ui.panel, async (current) => {
    const { agency } = await gql(Q.agency, { id });
    if (!current()) return;
    ui.panel.replaceChildren(...agencyView(agency));
    ui.panel.dataset.id = agency.id;
    // An agency found by search may belong to another province: draw that one.
    if (agency.province && agency.province.id !== state.province) await loadNetwork(agency.province.id);
  });
}

/** showLink shows a tapped link of the network in the panel: who to whom, and the provisions that state it. */
function showLink(link) {
  clearError();
  delete ui.panel.dataset.id;
  ui.panel.replaceChildren(h('section', { 'data-testid': 'link-panel', 'data-type': link.type },
    h('h2', {}, names.edge(link.type)),
    h('p', {}, agencyLink(link.source), ' → ', agencyLink(link.target), link.label ? ` (${link.label})` : ''),
    link.provisions.length
      ? h('ol', {}, link.provisions.map((p) => h('li', {}, provenance(p))))
      : h('p', { class: 'none' }, t('noProvision'))));
}

function search(text) {
  return run('search', 'do.search', ui.results, async (current) => {
    const { search: hits } = await gql(Q.search, { text });
    if (!current()) return;
    ui.results.replaceChildren(...(hits.length
      ? hits.map(hitView)
      : [h('li', { class: 'empty', 'data-testid': 'search-empty' }, t('search.none', text))]));
  });
}

function chain(form) {
  const f = new FormData(form);
  const vars = {
    province: f.get('province') || null,
    leaving: f.get('leaving') || null,
    entering: f.get('entering') || null,
    maxDepth: Number(f.get('maxDepth')) || 3,
    direction: f.get('direction') || 'SAME',
  };
  return run('chain', 'do.chain', ui.hops, async (current) => {
    ui.hops.replaceChildren();
    markChain(ui.network, []);
    const { handoffChain } = await gql(Q.chain, vars);
    if (!current()) return;
    ui.hops.replaceChildren(...(handoffChain.length
      ? handoffChain.map(hopView)
      : [h('li', { class: 'empty', 'data-testid': 'chain-empty' }, t('chain.none'))]));
    // Drawn on the graph too when it shows the chain's province.
    if (!vars.province || vars.province === state.province) markChain(ui.network, handoffChain);
  });
}

// Views. Every agency name is a button that selects the agency. Text read
// from the documents carries lang="vi" whatever the page's language, so
// that it is read out and hyphenated as Vietnamese.

function agencyLink(a) {
  const dot = h('span', { class: 'dot', 'aria-hidden': 'true' });
  dot.style.backgroundColor = kindColour(a.kind); // CSSOM: the CSP forbids style attributes, not this
  return h('button', {
    type: 'button', class: 'agency-link', title: names.kind(a.kind),
    'data-testid': 'agency-link', 'data-id': a.id, 'data-kind': a.kind, lang: 'vi',
    onclick: () => selectAgency(a.id),
  }, dot, a.name);
}

const joined = (items, view) => items.flatMap((x, i) => (i ? [', ', view(x)] : [view(x)]));
const section = (title, testid, items) => h('section', {},
  h('h3', {}, `${t(title)} (${items.length})`),
  items.length ? h('ol', { 'data-testid': testid }, items) : h('p', { class: 'none' }, t('none')));

/** provenance names the provision and document a fact was read from; the document title is the tooltip. */
function provenance(p) {
  if (!p) return h('p', { class: 'provenance', 'data-testid': 'provenance' }, t('noProvision'));
  const d = p.document;
  const doc = !d ? t('unknownDocument')
    : `${d.number ?? d.title}${d.status === 'ISSUED' ? '' : ` (${names.status(d.status)})`}`;
  // The path opens the provision in its document's page.
  return h('p', { class: 'provenance', 'data-testid': 'provenance', title: d?.title },
    h('a', { class: 'path', href: p.url, 'data-testid': 'provision-link' }, p.path), ' · ', h('span', { class: 'doc' }, doc));
}

function agencyView(a) {
  return [
    h('h2', { 'data-testid': 'agency-name', lang: 'vi' }, a.name),
    h('p', { class: 'meta' },
      h('span', { class: 'kind', 'data-testid': 'agency-kind', 'data-kind': a.kind, title: a.kind }, names.kind(a.kind)), ' ', names.level(a.level),
      ' · ', a.province ? a.province.name : t('national'),
      a.parent ? [t('partOf'), agencyLink(a.parent)] : null),
    a.aliases.length ? h('p', { class: 'aliases' }, t('aliases'), a.aliases.join('; ')) : null,
    a.reportsTo.length ? h('p', { 'data-testid': 'reports-to' }, t('reportsTo'), joined(a.reportsTo, agencyLink)) : null,
    a.reportedToBy.length ? h('p', { 'data-testid': 'reported-to-by' }, t('reportedToBy'), joined(a.reportedToBy, agencyLink)) : null,
    section('duties', 'duties', a.duties.map((d) => h('li', { class: 'duty', 'data-testid': 'duty', 'data-role': d.role, 'data-id': d.id },
      h('span', { class: `role role-${d.role.toLowerCase()}`, title: d.role }, names.role(d.role)), ' ',
      h('span', { class: 'text', lang: 'vi' }, d.text),
      d.fields.length ? h('p', { class: 'tags' }, t('fields'), d.fields.map((x) => h('span', { class: 'tag', title: x.code, lang: 'vi' }, x.name))) : null,
      d.areas.length ? h('p', { class: 'tags' }, t('areas'), d.areas.map((x) => h('span', { class: 'tag', title: x.code, lang: 'vi' }, x.name))) : null,
      d.partners.length ? h('p', {}, t('with'), joined(d.partners, agencyLink)) : null,
      d.reportsTo.length ? h('p', { 'data-testid': 'duty-reports-to' }, t('reportsTo'),
        joined(d.reportsTo, (r) => [r.agency ? agencyLink(r.agency) : t('unknownAgency'), r.when ? ` (${r.when})` : ''])) : null,
      evidenceView(d.evidence),
      provenance(d.provision)))),
    section('handoffs.out', 'handoffs-out', a.handoffsOut.map((x) => h('li', { 'data-testid': 'handoff-out' }, handoffView(x)))),
    section('handoffs.in', 'handoffs-in', a.handoffsIn.map((x) => h('li', { 'data-testid': 'handoff-in' }, handoffView(x)))),
    section('plan.leads', 'plan-leads', a.leads.map((x) => h('li', { 'data-testid': 'plan-action' }, actionView(x)))),
    section('plan.coordinates', 'plan-coordinates', a.coordinates.map((x) => h('li', { 'data-testid': 'plan-action' }, actionView(x)))),
  ].filter(Boolean);
}



/**
 * evidenceView shows why a duty says what it says: each tag with the words
 * of the provision it was read from ("LEAD ← «Chủ trì»").
 */
function evidenceView(evidence) {
  if (!evidence.length) return null;
  return h('p', { class: 'evidence', 'data-testid': 'evidence' }, t('why'),
    evidence.flatMap((e, i) => [i ? '; ' : '',
      h('span', { class: 'cue', 'data-tag': e.tag, 'data-value': e.value, title: names.tag(e.tag) },
        `${evidenceLabel(e)} ← «${e.words}»`)]));
}

/** actionView shows a plan action: what, by when (as written, and as read), with whom, where it is written. */
function actionView(x) {
  const due = x.deadline.kind === 'DATE' ? `${names.deadline('DATE')} ${x.deadline.date}` : names.deadline(x.deadline.kind);
  return h('div', { class: 'action-item' },
    h('p', {}, h('span', { class: 'deadline', 'data-testid': 'deadline', 'data-date': x.deadline.date, title: x.deadline.raw }, due), ' ', h('span', { lang: 'vi' }, x.text)),
    x.output ? h('p', { class: 'tags' }, t('output'), x.output) : null,
    x.leads.length ? h('p', {}, t('ledBy'), joined(x.leads, agencyLink)) : null,
    provenance(x.provision));
}

function handoffView(x) {
  return h('div', { class: 'handoff' },
    h('p', {}, x.from ? agencyLink(x.from) : t('unknownAgency'), ' ',
      actionTags(h, x.actions)),
    x.notifies.length ? h('p', {}, t('notifies'), joined(x.notifies, agencyLink)) : null,
    x.transfersTo.length ? h('p', {}, t('transfersTo'), joined(x.transfersTo, agencyLink)) : null,
    x.leaving.length || x.entering.length
      ? h('p', { class: 'areas' }, x.leaving.length ? t('leaving', areaNames(x.leaving)) : '',
        x.leaving.length && x.entering.length ? ' → ' : '', x.entering.length ? t('entering', areaNames(x.entering)) : '')
      : null,
    x.condition ? h('p', { class: 'condition', lang: 'vi' }, x.condition) : null,
    provenance(x.provision),
    x.provision?.text ? h('details', {}, h('summary', {}, t('provisionText')), h('p', { lang: 'vi' }, x.provision.text)) : null);
}

function hopView(hop) {
  return h('li', { class: 'hop', 'data-testid': 'chain-hop', 'data-depth': hop.depth },
    h('p', { class: 'depth' }, t('chain.hop', hop.depth), hop.via ? [t('chain.via'), agencyLink(hop.via)] : null),
    handoffView(hop.handoff));
}

function hitView(hit) {
  const target = hit.agency ?? hit.duty?.agency ?? hit.planAction?.leads[0] ?? null;
  const body = [h('span', { class: 'type', title: hit.type }, t(`hit.${hit.type}`)), ' ', h('strong', { lang: 'vi' }, hit.title),
    hit.snippet && hit.snippet !== hit.title ? h('span', { class: 'snippet', lang: 'vi' }, hit.snippet) : null];
  // Where the hit is from: its province and document, the document (or the
  // provision in it) one click away.
  const url = hit.duty?.provision?.url ?? hit.provision?.url ?? hit.planAction?.provision?.url ?? hit.document?.url;
  const place = h('p', { class: 'hit-place', 'data-testid': 'hit-place' },
    h('span', { 'data-testid': 'hit-province' }, hit.province ? hit.province.name : t('national')),
    hit.document ? [' · ', h('a', { href: url, 'data-testid': 'hit-document', title: hit.document.title }, hit.document.number ?? hit.document.title)] : null);
  return h('li', { 'data-testid': 'search-result', 'data-type': hit.type, 'data-kind': hit.agency?.kind, 'data-agency': target?.id },
    target ? h('button', { type: 'button', title: t('search.show', target.name), onclick: () => selectAgency(target.id) }, body) : body,
    place);
}

/**
 * showDocument turns the page into a document's page: the network, panel
 * and chain give way to its text, scrolled to the provision the address
 * names.
 */
async function showDocument(id) {
  for (const el of document.querySelectorAll('main, .chain, .time, #search-form')) el.hidden = true;
  ui.province.addEventListener('change', () => location.assign(`/#province=${encodeURIComponent(ui.province.value)}`));
  await run('document', 'do.document', ui.documentView, async () => {
    const doc = await loadDocument(id);
    ui.documentView.append(documentView(h, doc));
    ui.documentView.hidden = false;
    document.title = `${doc.number ?? doc.title} — regnet`;
    const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) {
      target.classList.add('target');
      target.scrollIntoView({ block: 'start' });
    }
  });
  ui.documentView.hidden = false;
}

async function start() {
  await loadLabels();
  translatePage(ui.langSwitch);
  const docID = documentID(location.pathname);
  if (docID) {
    await showDocument(docID);
    await run('start', 'do.start', ui.province, async () => {
      const { provinces } = await gql(Q.start);
      ui.province.append(...provinces.map((p) => h('option', { value: p.id }, p.name)));
    });
    document.body.dataset.ready = 'true';
    return;
  }
  ui.province.addEventListener('change', () => loadNetwork(ui.province.value));
  // The timeline (timeline.js) lists the province's documents; its date redraws the network.
  initTimeline(h);
  ui.province.addEventListener('change', () => run('timeline', 'time.loading', ui.province, () => showProvince(ui.province.value)));
  document.addEventListener('regnet:asof', () => loadNetwork(state.province));
  ui.searchForm.addEventListener('submit', (e) => {
    e.preventDefault();
    search(new FormData(ui.searchForm).get('text').trim());
  });
  ui.chainForm.addEventListener('submit', (e) => {
    e.preventDefault();
    chain(ui.chainForm);
  });
  ui.compareForm.addEventListener('submit', (e) => {
    e.preventDefault();
    compare(ui.compareForm.elements.a.value, ui.compareForm.elements.b.value);
  });
  await run('start', 'do.start', ui.province, async () => {
    const { provinces, areas } = await gql(Q.start);
    const options = (items, value, text) => items.map((x) => h('option', { value: value(x) }, text(x)));
    ui.province.append(...options(provinces, (p) => p.id, (p) => p.name));
    ui.chainProvince.append(...options(provinces, (p) => p.id, (p) => p.name));
    ui.compareForm.elements.a.append(...options(provinces, (p) => p.id, (p) => p.name));
    ui.compareForm.elements.b.append(...options(provinces, (p) => p.id, (p) => p.name));
    if (provinces.length > 1) ui.compareForm.elements.b.value = provinces[1].id;
    for (const name of ['leaving', 'entering']) {
      ui.chainForm.elements[name].append(...options(areas, (a) => a.code, (a) => `${a.name} (${a.code})`));
    }
  });
  await restoreView();
  // An address pasted or edited in the same tab changes only the hash.
  window.addEventListener('hashchange', restoreView);
  document.body.dataset.ready = 'true';
}

async function restoreView() {
  const view = savedView();
  showView(view.view === 'compare');
  if (view.view === 'compare') {
    if (view.a && view.b && ui.compareResult.dataset.compared !== `${view.a}|${view.b}`) await compare(view.a, view.b);
    return;
  }
  if (view.province && view.province !== state.province) {
    await loadNetwork(view.province);
    await run('timeline', 'time.loading', ui.province, () => showProvince(view.province));
  }
  if (view.agency && view.agency !== state.selected) await selectAgency(view.agency);
}

start();
