// The comparison view (#view=compare&a=…&b=…): two provinces side by side —
// what one has that the other lacks or words differently — and, for each,
// the coverage matrix: fields down, agency kinds across, each cell saying
// who leads, who co-ordinates, where nobody leads (gap) and where several
// lead (overlap). A cell opens the duties behind it, with their provisions
// and the words each tag was read from.
import { gql } from './api.js';
import { kindColour } from './graph.js';
import { actionTags, areaNames, evidenceLabel, names, t } from './i18n.js';

const PAGE = 100;
const MAX_PAGES = 20; // a bound on one province's duties (2000)

const DUTIES = `query Duties($province: String!, $first: Int, $after: String) {
  duties(filter: {province: $province}, first: $first, after: $after) {
    edges { node {
      id role text
      agency { id name kind }
      fields { code name }
      evidence { tag value words }
      provision { path url document { number title status } }
    } }
    pageInfo { hasNextPage endCursor }
  }
  leadCoverage(province: $province) { field { code } leads { kind } gap overlap }
}`;

const COMPARE = `query Compare($a: String!, $b: String!) {
  compareProvinces(a: $a, b: $b) {
    a b agencyKindsOnlyInA agencyKindsOnlyInB
    handoffsOnlyInA { ...OnlyHere }
    handoffsOnlyInB { ...OnlyHere }
    roleDifferences {
      kind field { code name } roleInA roleInB
      provisionA { path url } provisionB { path url }
    }
  }
}
fragment OnlyHere on Handoff {
  id actions leaving { code name } entering { code name }
  provision { path url document { number } }
}`;

/** loadCoverage fetches a province's duties and lead coverage and builds its matrix. */
async function loadCoverage(province) {
  const duties = [];
  let coverage = [];
  let after = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const data = await gql(DUTIES, { province, first: PAGE, after });
    duties.push(...data.duties.edges.map((e) => e.node));
    coverage = data.leadCoverage;
    if (!data.duties.pageInfo.hasNextPage) break;
    after = data.duties.pageInfo.endCursor;
  }
  return matrix(duties, coverage);
}

/**
 * matrix groups duties by field and agency kind. A cell is LEAD when a duty
 * of the kind leads the field, COORDINATE when its duties there only
 * co-ordinate, support or advise; OVERLAP when it leads a field that more
 * than one agency leads, GAP when it works in a field nobody leads.
 */
export function matrix(duties, coverage) {
  const fields = new Map();
  const kinds = new Set();
  const cells = new Map();
  for (const d of duties) {
    if (!d.agency) continue;
    kinds.add(d.agency.kind);
    for (const f of d.fields) {
      fields.set(f.code, f.name);
      const key = `${f.code} ${d.agency.kind}`;
      if (!cells.has(key)) cells.set(key, { field: f.code, kind: d.agency.kind, duties: [] });
      cells.get(key).duties.push(d);
    }
  }
  // A field is a gap when no row of it (in any area) has a lead.
  const led = new Set(coverage.filter((r) => r.field && r.leads.length).map((r) => r.field.code));
  const gap = new Set(coverage.filter((r) => r.gap && r.field && !led.has(r.field.code)).map((r) => r.field.code));
  const overlapLeads = new Set(coverage.filter((r) => r.overlap && r.field)
    .flatMap((r) => r.leads.map((l) => `${r.field.code} ${l.kind}`)));
  for (const [key, c] of cells) {
    const leads = c.duties.some((d) => d.role === 'LEAD');
    c.state = overlapLeads.has(key) ? 'OVERLAP' : leads ? 'LEAD' : gap.has(c.field) ? 'GAP' : 'COORDINATE';
  }
  return {
    fields: [...fields].sort((a, b) => a[1].localeCompare(b[1], 'vi')),
    kinds: [...kinds].sort((a, b) => names.kind(a).localeCompare(names.kind(b), 'vi')),
    cells,
    gap,
  };
}

/** matrixView draws one province's matrix as a table; onCell(cell) opens a cell. */
function matrixView(h, name, m, onCell) {
  return h('section', { class: 'coverage', 'data-testid': 'coverage', 'data-province': name },
    h('h3', {}, `${t('compare.matrix')} — ${name}`),
    h('div', { class: 'matrix-wrap' }, h('table', { class: 'matrix' },
      h('thead', {}, h('tr', {}, h('th', {}, t('compare.field')), m.kinds.map((k) => {
        const th = h('th', { class: 'kind-col', title: k, scope: 'col' }, h('span', {}, names.kind(k)));
        th.style.borderTopColor = kindColour(k); // CSSOM, allowed by the CSP
        return th;
      }))),
      h('tbody', {}, m.fields.map(([code, fname]) => h('tr', {},
        h('th', { scope: 'row', title: code, class: m.gap.has(code) ? 'gap-row' : null }, fname),
        m.kinds.map((k) => {
          const c = m.cells.get(`${code} ${k}`);
          if (!c) return h('td', {});
          return h('td', { class: `cell cell-${c.state.toLowerCase()}` },
            h('button', {
              type: 'button', 'data-testid': 'matrix-cell', 'data-state': c.state, 'data-field': code, 'data-kind': k,
              title: `${fname} · ${names.kind(k)}: ${t(`cell.${c.state}`)}`, onclick: () => onCell(c, fname),
            }, t(`cell.short.${c.state}`)));
        })))))),
    h('p', { class: 'matrix-key' }, ['LEAD', 'COORDINATE', 'GAP', 'OVERLAP'].map((s) =>
      h('span', { class: `cell-${s.toLowerCase()} key` }, `${t(`cell.short.${s}`)} ${t(`cell.${s}`)}`))));
}

/** cellView lists the duties behind a cell, each with its provision and evidence. */
function cellView(h, provenance, c, fname) {
  return h('section', { class: 'cell-detail', 'data-testid': 'cell-detail' },
    h('h3', {}, `${fname} · ${names.kind(c.kind)} — ${t(`cell.${c.state}`)}`),
    h('ol', {}, c.duties.map((d) => h('li', { class: 'duty', 'data-testid': 'cell-duty' },
      h('span', { class: `role role-${d.role.toLowerCase()}`, title: d.role }, names.role(d.role)), ' ',
      h('strong', { lang: 'vi' }, d.agency.name), ': ', h('span', { class: 'text', lang: 'vi' }, d.text),
      d.evidence.length ? h('p', { class: 'evidence' }, t('why'),
        d.evidence.map((e, i) => [i ? '; ' : '', `${evidenceLabel(e)} ← «${e.words}»`])) : null,
      provenance(d.provision)))));
}

/** differencesView shows what compareProvinces answers, each line with its provisions. */
function differencesView(h, link, c) {
  // A handoff rule only one side has: its actions and areas by name, and
  // the provision it is written in.
  const handoffsOnly = (list) => h('div', {}, h('p', {}, t('compare.handoffsOnly'), String(list.length)),
    list.length ? h('ul', {}, list.map((x) => h('li', { 'data-testid': 'handoff-only' },
      actionTags(h, x.actions),
      x.leaving.length ? [t('leaving', areaNames(x.leaving)), ' '] : null,
      x.entering.length ? [t('entering', areaNames(x.entering)), ' '] : null,
      link(x.provision)))) : null);
  const kindsList = (kinds) => (kinds.length ? kinds.map((k) => names.kind(k)).join(', ') : t('none'));
  const rows = c.roleDifferences.map((r) => h('tr', { 'data-testid': 'role-difference' },
    h('td', {}, names.kind(r.kind)), h('td', {}, r.field?.name ?? ''),
    h('td', {}, r.roleInA ? names.role(r.roleInA) : '—', ' ', link(r.provisionA)),
    h('td', {}, r.roleInB ? names.role(r.roleInB) : '—', ' ', link(r.provisionB))));
  return h('section', { class: 'differences', 'data-testid': 'differences' },
    h('div', { class: 'side-by-side' },
      h('div', {}, h('h3', {}, c.a),
        h('p', {}, t('compare.kindsOnly'), kindsList(c.agencyKindsOnlyInA)),
        handoffsOnly(c.handoffsOnlyInA)),
      h('div', {}, h('h3', {}, c.b),
        h('p', {}, t('compare.kindsOnly'), kindsList(c.agencyKindsOnlyInB)),
        handoffsOnly(c.handoffsOnlyInB))),
    rows.length ? h('table', { class: 'role-diff' },
      h('thead', {}, h('tr', {}, h('th', {}, t('compare.kind')), h('th', {}, t('compare.field')), h('th', {}, c.a), h('th', {}, c.b))),
      h('tbody', {}, rows)) : null);
}

/**
 * showComparison fills container with the comparison of provinces a and b
 * (ids or names). h builds elements; provenance(p) shows a provision with
 * its link (both from app.js).
 */
export async function showComparison(container, h, provenance, a, b) {
  const link = (p) => (p ? h('a', { href: p.url, class: 'path', 'data-testid': 'provision-link' }, p.path) : '');
  const [{ compareProvinces: c }, ma, mb] = await Promise.all([
    gql(COMPARE, { a, b }), loadCoverage(a), loadCoverage(b)]);
  const detail = h('div', { class: 'cell-detail-slot', 'data-testid': 'cell-detail-slot' });
  const open = (cell, fname) => {
    detail.replaceChildren(cellView(h, provenance, cell, fname));
    detail.scrollIntoView({ block: 'nearest' });
  };
  container.replaceChildren(
    differencesView(h, link, c),
    detail,
    h('div', { class: 'side-by-side matrices' }, matrixView(h, c.a, ma, open), matrixView(h, c.b, mb, open)));
  container.dataset.compared = `${a}|${b}`;
}
