// Drawing a province's agency network with Cytoscape.js (vendor/, loaded by
// index.html as classic scripts) and the fcose force layout: zoom, pan and
// drag come with the library; the legend doubles as the filters (link types,
// agency kinds, unlinked agencies); a handoff chain is drawn on the graph
// with its direction and hop numbers.
//
// Every agency is a box that holds its own name, so a label can only collide
// with another if the boxes do: after the layout, boxes still touching are
// pushed apart until none overlap.

/* global cytoscape, cytoscapeFcose */
if (typeof cytoscapeFcose !== 'undefined' && !cytoscape.prototype.fcoseRegistered) {
  cytoscape.use(cytoscapeFcose);
  cytoscape.prototype.fcoseRegistered = true;
}

// The core enforcement agencies each have a colour of their own, strong
// enough to tell apart at a glance; every other kind is drawn pale with a
// coloured rim, so that the core ones stand out.
const CORE = {
  CUSTOMS: '#1565c0',
  BORDER_GUARD: '#2e7d32',
  POLICE: '#c62828',
  MARKET_MANAGEMENT: '#ef6c00',
  STEERING_COMMITTEE_389: '#6a1b9a',
  COMMUNE_STEERING_COMMITTEE_389: '#ab47bc',
  PEOPLES_COMMITTEE: '#4e342e',
};

/** hash is FNV-1a of a string, so that a kind keeps its colour everywhere. */
function hash(s) {
  let x = 2166136261;
  for (const c of s) x = Math.imul(x ^ c.codePointAt(0), 16777619);
  return x >>> 0;
}

/** kindColour is the colour of an agency kind: its own for the core kinds, a muted one from its code otherwise. */
export function kindColour(kind) {
  return CORE[kind] ?? `hsl(${hash(kind) % 360}, 28%, 52%)`;
}

/** isCore says whether a kind is one of the core enforcement agencies. */
export const isCore = (kind) => kind in CORE;

// Link types: how each is drawn. Handoffs and reports go one way.
const EDGE = {
  HANDS_OFF_TO: { color: '#b71c1c', width: 2.5, line: 'solid', arrow: 'triangle' },
  REPORTS_TO: { color: '#0d47a1', width: 1.5, line: 'solid', arrow: 'vee' },
  COORDINATES_WITH: { color: '#90a4ae', width: 1, line: 'dashed', arrow: 'none' },
  PART_OF: { color: '#6d4c41', width: 1.5, line: 'dotted', arrow: 'tee' },
  SUCCEEDED_BY: { color: '#7b1fa2', width: 1.5, line: 'dashed', arrow: 'chevron' },
};
const edgeLook = (type) => EDGE[type] ?? { color: '#9e9e9e', width: 1, line: 'solid', arrow: 'none' };

const FONT = '11px system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif';
const LINE = 14; // px per label line
const PAD = 6; // px around a label inside its box
const WRAP = 150; // widest label line, px
const GAP = 10; // least room between two boxes

let measure;
/** textWidth is the drawn width of s in the label font. */
function textWidth(s) {
  measure ??= document.createElement('canvas').getContext('2d');
  measure.font = FONT;
  return measure.measureText(s).width;
}

/** wrapLabel breaks a name into lines no wider than WRAP, at most three, the last cut with "…". */
function wrapLabel(name) {
  const lines = [];
  let line = '';
  for (const word of name.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next) > WRAP) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  if (lines.length > 3) {
    lines.length = 3;
    lines[2] += '…';
  }
  return lines;
}

/** separate pushes apart boxes that overlap (with GAP between them) until none do, or a bound of rounds is reached. */
function separate(nodes) {
  const boxes = nodes.map((n) => ({ n, p: { ...n.position() }, w: n.data('w') + GAP, h: n.data('h') + GAP }));
  for (let round = 0; round < 500; round++) {
    let moved = false;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        const ox = (a.w + b.w) / 2 - Math.abs(a.p.x - b.p.x);
        const oy = (a.h + b.h) / 2 - Math.abs(a.p.y - b.p.y);
        if (ox <= 0 || oy <= 0) continue;
        moved = true;
        // Move along the axis that needs the shorter push, half each way.
        if (ox < oy) {
          const d = (a.p.x <= b.p.x ? -1 : 1) * (ox / 2 + 0.5);
          a.p.x += d; b.p.x -= d;
        } else {
          const d = (a.p.y <= b.p.y ? -1 : 1) * (oy / 2 + 0.5);
          a.p.y += d; b.p.y -= d;
        }
      }
    }
    if (!moved) break;
  }
  for (const b of boxes) b.n.position(b.p);
}

const style = [
  {
    selector: 'node',
    style: {
      shape: 'round-rectangle',
      width: 'data(w)',
      height: 'data(h)',
      label: 'data(text)',
      'text-wrap': 'wrap',
      'text-valign': 'center',
      'text-halign': 'center',
      'font-family': FONT.replace(/^\S+ /, ''),
      'font-size': 11,
      'line-height': LINE / 11,
      color: 'data(ink)',
      'background-color': 'data(fill)',
      'border-width': 'data(rim)',
      'border-color': 'data(colour)',
      'min-zoomed-font-size': 4,
    },
  },
  {
    selector: 'edge',
    style: {
      'curve-style': 'bezier',
      width: 'data(width)',
      'line-color': 'data(colour)',
      'line-style': 'data(line)',
      'target-arrow-shape': 'data(arrow)',
      'target-arrow-color': 'data(colour)',
      'arrow-scale': 1,
      opacity: 0.85,
    },
  },
  { selector: '.hidden', style: { display: 'none' } },
  { selector: 'node.selected', style: { 'border-width': 4, 'border-color': '#ffd600' } },
  { selector: '.faded', style: { opacity: 0.18 } },
  { selector: 'node.chain', style: { 'border-width': 4, 'border-color': '#111', opacity: 1 } },
  {
    selector: 'edge.chain',
    style: {
      width: 4,
      'line-color': '#111',
      'target-arrow-color': '#111',
      'line-style': 'solid',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 1.4,
      opacity: 1,
      label: 'data(hop)',
      'font-size': 13,
      'font-weight': 'bold',
      color: '#111',
      'text-background-color': '#fff59d',
      'text-background-opacity': 1,
      'text-background-padding': 3,
      'text-background-shape': 'round-rectangle',
      'z-index': 10,
    },
  },
];

/**
 * drawNetwork draws network ({nodes, edges} as the API answers it) into
 * root, replacing what was there, and builds the legend with its filters.
 * names gives the words shown: names.kind(code), names.edge(type) and
 * names.ui(key). onSelect(id) is called when an agency is tapped, onLink(link)
 * (when given) with the link's {type, label, source, target, provisions} when
 * a link is. It can be called again with new data (another province,
 * another date); it resolves once the layout is done.
 */
export async function drawNetwork(root, legend, network, onSelect, names, onLink) {
  root.cy?.destroy();
  const elements = [];
  for (const n of network.nodes) {
    const lines = wrapLabel(n.label);
    const w = Math.ceil(Math.max(...lines.map(textWidth))) + 2 * PAD;
    const h = lines.length * LINE + 2 * PAD;
    const colour = kindColour(n.kind);
    const core = isCore(n.kind);
    elements.push({
      group: 'nodes',
      data: {
        id: n.id, kind: n.kind, name: n.label, text: lines.join('\n'), w, h, colour,
        fill: core ? colour : '#f5f7f8', ink: core ? '#fff' : '#1d2733', rim: core ? 0 : 2,
      },
    });
  }
  const ids = new Set(network.nodes.map((n) => n.id));
  for (const e of network.edges) {
    if (!ids.has(e.source) || !ids.has(e.target) || e.source === e.target) continue;
    const look = edgeLook(e.type);
    elements.push({
      group: 'edges',
      data: {
        id: e.id, source: e.source, target: e.target, type: e.type, label: e.label ?? '',
        provisions: e.provisions ?? [], colour: look.color, width: look.width, line: look.line, arrow: look.arrow,
      },
    });
  }
  const cy = cytoscape({
    container: root, elements, style, minZoom: 0.2, maxZoom: 4, wheelSensitivity: 0.3,
    boxSelectionEnabled: false,
  });
  root.cy = cy;
  cy.on('tap', 'node', (ev) => onSelect(ev.target.id()));
  if (onLink) {
    cy.on('tap', 'edge', (ev) => {
      const e = ev.target;
      onLink({
        type: e.data('type'), label: e.data('label'), provisions: e.data('provisions') ?? [],
        source: { id: e.source().id(), name: e.source().data('name'), kind: e.source().data('kind') },
        target: { id: e.target().id(), name: e.target().data('name'), kind: e.target().data('kind') },
      });
    });
  }
  await placeNodes(cy);
  drawLegend(root, legend, network, names);
  return cy;
}

/** placeNodes runs fcose on the visible elements, then separates the boxes and fits the view. */
async function placeNodes(cy) {
  const shown = cy.elements(':visible');
  if (shown.nodes().length > 0) {
    const layout = shown.layout({
      name: typeof cytoscapeFcose !== 'undefined' ? 'fcose' : 'cose',
      quality: 'proof',
      randomize: true,
      animate: false,
      nodeDimensionsIncludeLabels: true,
      nodeSeparation: 60,
      idealEdgeLength: 110,
      nodeRepulsion: 9000,
      packComponents: true,
      tile: true,
      tilingPaddingVertical: 20,
      tilingPaddingHorizontal: 20,
    });
    const done = layout.promiseOn('layoutstop');
    layout.run();
    await done;
    separate(shown.nodes());
  }
  cy.fit(shown, 24);
}

/** applyFilters shows the link types and kinds ticked in the legend, and hides agencies left without a link if asked. */
function applyFilters(root, legend) {
  const cy = root.cy;
  const off = (group) => new Set([...legend.querySelectorAll(`input[data-group="${group}"]:not(:checked)`)].map((i) => i.value));
  const types = off('edge');
  const kinds = off('kind');
  const hideUnlinked = legend.querySelector('input[data-group="unlinked"]')?.checked;
  cy.batch(() => {
    cy.elements().removeClass('hidden');
    cy.nodes().filter((n) => kinds.has(n.data('kind'))).addClass('hidden');
    cy.edges().filter((e) => types.has(e.data('type')) || e.source().hasClass('hidden') || e.target().hasClass('hidden'))
      .addClass('hidden');
    if (hideUnlinked) {
      cy.nodes().filter((n) => !n.hasClass('hidden') && n.connectedEdges().not('.hidden').length === 0).addClass('hidden');
    }
  });
  root.dataset.shown = String(cy.nodes().not('.hidden').length);
}

/** drawLegend lists the kinds and link types present as check boxes that filter the drawing. */
function drawLegend(root, legend, network, names) {
  const box = (group, value, text, sample, checked = true) => {
    const input = Object.assign(document.createElement('input'), { type: 'checkbox', value, checked });
    input.dataset.group = group;
    input.dataset.testid = `filter-${group}`;
    const label = document.createElement('label');
    label.className = `filter filter-${group}`;
    if (sample) label.append(sample);
    label.append(input, text);
    return label;
  };
  const swatch = (colour, core) => {
    const s = document.createElement('span');
    s.className = core ? 'swatch core' : 'swatch';
    s.style.backgroundColor = core ? colour : '#f5f7f8'; // CSSOM: the CSP forbids style attributes, not this
    s.style.borderColor = colour;
    return s;
  };
  const stroke = (type) => {
    const s = document.createElement('span');
    const look = edgeLook(type);
    s.className = `stroke stroke-${look.line}`;
    s.style.borderTopColor = look.color;
    s.style.borderTopWidth = `${Math.max(look.width, 1.5)}px`;
    return s;
  };
  const kinds = [...new Set(network.nodes.map((n) => n.kind))]
    .sort((a, b) => Number(isCore(b)) - Number(isCore(a)) || names.kind(a).localeCompare(names.kind(b), 'vi'));
  const types = [...new Set(network.edges.map((e) => e.type))].sort();
  const heading = (text) => Object.assign(document.createElement('h3'), { textContent: text });
  const group = (cls, ...items) => {
    const div = document.createElement('div');
    div.className = cls;
    div.append(...items);
    return div;
  };
  legend.replaceChildren(
    group('legend-links', heading(names.ui('legend.links')), ...types.map((t) => box('edge', t, names.edge(t), stroke(t)))),
    group('legend-kinds', heading(names.ui('legend.kinds')),
      ...kinds.map((k) => box('kind', k, names.kind(k), swatch(kindColour(k), isCore(k))))),
    group('legend-options', box('unlinked', 'hide', names.ui('legend.hideUnlinked'), null, false)),
  );
  legend.onchange = () => applyFilters(root, legend);
  applyFilters(root, legend);
}

/** markSelected outlines the selected agency, if it is drawn. */
export function markSelected(root, id) {
  const cy = root.cy;
  if (!cy) return;
  cy.nodes('.selected').removeClass('selected');
  if (id) cy.getElementById(id).addClass('selected');
}

/**
 * markChain draws a handoff chain on the graph: each hop's links from its
 * initiator to the agencies it notifies or hands over to, with the hop's
 * number, everything else faded. A link of the chain that the network lacks
 * (an agency reached in another document) is added for the while. hops as
 * the API's handoffChain answers it; an empty list clears the chain.
 */
export function markChain(root, hops) {
  const cy = root.cy;
  if (!cy) return;
  cy.batch(() => {
    cy.remove('.chain-extra');
    cy.elements().removeClass('chain faded');
    cy.edges().removeData('hop');
    if (!hops.length) return;
    const order = [];
    for (const hop of hops) {
      const x = hop.handoff;
      if (!x.from) continue;
      for (const to of [...x.notifies, ...x.transfersTo]) {
        const from = cy.getElementById(x.from.id);
        const target = cy.getElementById(to.id);
        if (from.empty() || target.empty()) continue;
        let edge = cy.edges(`[type = "HANDS_OFF_TO"]`).filter((e) => e.source().same(from) && e.target().same(target)
          && e.id().endsWith(`@${x.id}`));
        if (edge.empty()) {
          edge = cy.add({
            group: 'edges', classes: 'chain-extra',
            data: { id: `chain:${hop.depth}:${x.id}>${to.id}`, source: x.from.id, target: to.id, type: 'HANDS_OFF_TO',
              colour: '#111', width: 4, line: 'solid', arrow: 'triangle' },
          });
        }
        const prev = edge.data('hop');
        edge.data('hop', prev ? `${prev},${hop.depth}` : String(hop.depth));
        edge.addClass('chain');
        from.addClass('chain');
        target.addClass('chain');
        order.push({ hop: hop.depth, from: x.from.id, to: to.id });
      }
    }
    cy.elements().not('.chain').addClass('faded');
    root.dataset.chain = JSON.stringify(order);
  });
  if (!hops.length) delete root.dataset.chain;
}
