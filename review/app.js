// The review page: documents, one document (scan with tag boxes beside the text), the queue,
// and dates and places. OCR text is untrusted: every string goes into the page as a text node
// (el()/textContent), never as HTML. Decisions carry the tag's version; a 409 reloads the tag.
'use strict';

const csrf = document.querySelector('meta[name="csrf-token"]').content;
const defaultReviewer = document.querySelector('meta[name="default-reviewer"]').content;
const TYPES = ['person', 'place', 'date', 'organization'];
const SVG = 'http://www.w3.org/2000/svg';
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

// ---- small helpers ---------------------------------------------------------------------

// el('div', {class: 'x', onclick: f}, 'text', child...): strings become text nodes.
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  for (const c of children.flat()) {
    if (c === undefined || c === null) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

function toast(message, kind) {
  const t = document.getElementById('toast');
  t.textContent = message;
  t.className = 'show ' + (kind || '');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.className = ''; }, 4000);
}

class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error) || ('HTTP ' + status));
    this.status = status;
    this.body = body;
  }
}

async function api(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (method !== 'GET') {
    headers['X-CSRF-Token'] = csrf;
    headers['Content-Type'] = 'application/json';
  }
  const res = await fetch(path, { method, headers, body: body ? JSON.stringify(body) : undefined,
                                  credentials: 'same-origin' });
  let data = null;
  try { data = await res.json(); } catch (e) { data = null; }
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

const docPath = (id) => '/api/documents/' + encodeURIComponent(id);

function reviewer() {
  const input = document.getElementById('reviewer');
  const name = input.value.trim();
  if (!name) {
    input.focus();
    throw new Error('Enter your name (top right) before deciding.');
  }
  return name;
}

// Byte offsets (the server's) ↔ JavaScript strings (UTF-16).
function sliceBytes(bytes, a, b) { return fromUtf8.decode(bytes.subarray(a, b)); }
const byteLength = (s) => utf8.encode(s).length;

// ---- routing ---------------------------------------------------------------------------

const state = { doc: null, bytes: null, page: 1, zoom: 1, words: false, draw: false,
                selected: null, editing: false, view: '' };

function route() {
  const hash = location.hash || '#/';
  const main = document.getElementById('main');
  state.editing = false;
  for (const a of document.querySelectorAll('nav a')) a.classList.toggle('current', a.getAttribute('href') === hash);
  if (hash.startsWith('#/doc/')) {
    const rest = hash.slice(6);
    const q = rest.indexOf('?');
    const id = decodeURIComponent(q < 0 ? rest : rest.slice(0, q));
    const params = new URLSearchParams(q < 0 ? '' : rest.slice(q + 1));
    showDocument(main, id, params.get('tag'));
  } else if (hash === '#/queue') {
    showQueue(main);
  } else if (hash === '#/collection') {
    showCollection(main);
  } else {
    const q = hash.startsWith('#/search/') ? decodeURIComponent(hash.slice(9)) : '';
    showDocuments(main, q);
  }
}

function fail(main, e) {
  main.replaceChildren(el('p', { class: 'error' }, e.message));
}

// ---- documents -------------------------------------------------------------------------

async function showDocuments(main, query) {
  state.view = 'documents';
  const input = el('input', { type: 'search', id: 'search', placeholder: 'Search the text of every page…',
                              value: query });
  const form = el('form', { class: 'search', onsubmit: (ev) => {
    ev.preventDefault();
    location.hash = input.value.trim() ? '#/search/' + encodeURIComponent(input.value.trim()) : '#/';
  } }, input, el('button', { type: 'submit' }, 'Search'));
  main.replaceChildren(form, el('p', { class: 'muted' }, 'Loading…'));
  try {
    const docs = await api('GET', '/api/documents' + (query ? '?q=' + encodeURIComponent(query) : ''));
    const rows = docs.map((d) => el('tr', {},
      el('td', {}, el('a', { href: '#/doc/' + encodeURIComponent(d.id), class: 'doc-link' }, d.id),
         d.snippet ? el('div', { class: 'snippet' }, 'p. ' + d.page + ': ' + d.snippet) : null),
      el('td', { class: 'num' }, d.pages),
      el('td', { class: 'num' }, d.tags),
      el('td', { class: 'num pending' }, d.pending),
      el('td', { class: 'num accepted' }, d.accepted + d.edited + d.added),
      el('td', { class: 'num rejected' }, d.rejected),
      el('td', {}, progress(d))));
    main.replaceChildren(form,
      el('table', { class: 'documents' },
        el('thead', {}, el('tr', {}, ['Document', 'Pages', 'Tags', 'Pending', 'Accepted', 'Rejected', '']
          .map((h) => el('th', {}, h)))),
        el('tbody', {}, rows)),
      docs.length ? null : el('p', { class: 'muted' }, query ? 'No page matches.' : 'The catalog holds no documents.'));
  } catch (e) { fail(main, e); }
}

function progress(d) {
  const bar = el('div', { class: 'progress', title: `${d.tags - d.pending} of ${d.tags} reviewed` });
  for (const [k, n] of [['accepted', d.accepted + d.edited + d.added], ['rejected', d.rejected]]) {
    const part = el('span', { class: k });
    part.style.width = d.tags ? (100 * n / d.tags) + '%' : '0';
    bar.append(part);
  }
  return bar;
}

// ---- queue -----------------------------------------------------------------------------

async function showQueue(main) {
  state.view = 'queue';
  main.replaceChildren(el('p', { class: 'muted' }, 'Loading…'));
  try {
    const tags = await api('GET', '/api/queue?limit=200');
    main.replaceChildren(
      el('h2', {}, 'Pending tags, least confident first'),
      el('table', { class: 'queue' },
        el('thead', {}, el('tr', {}, ['Confidence', 'Type', 'Text', 'Value', 'Document', 'Page'].map((h) => el('th', {}, h)))),
        el('tbody', {}, tags.map((t) => el('tr', {},
          el('td', { class: 'num' }, t.confidence.toFixed(2)),
          el('td', {}, el('span', { class: 'chip ' + t.type }, t.type)),
          el('td', {}, el('a', { href: '#/doc/' + encodeURIComponent(t.doc_id) + '?tag=' + t.id }, t.text)),
          el('td', {}, t.value),
          el('td', {}, t.doc_id),
          el('td', { class: 'num' }, t.page))))),
      tags.length ? null : el('p', { class: 'muted' }, 'Nothing pending: every tag has been reviewed.'));
  } catch (e) { fail(main, e); }
}

// ---- dates and places ------------------------------------------------------------------

async function showCollection(main) {
  state.view = 'collection';
  main.replaceChildren(el('p', { class: 'muted' }, 'Loading…'));
  try {
    const s = await api('GET', '/api/summary');
    main.replaceChildren(el('h2', {}, 'Dates across the collection'), timeline(s.dates, true),
      el('h2', {}, 'Places across the collection'), placeMap(s.places), placeList(s.places, true));
  } catch (e) { fail(main, e); }
}

function dayNumber(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, (m || 1) - 1, d || 1) / 86400000;
}

// Each date a bar from its first to its last day (a dot when one day), on one time axis.
function timeline(dates, withDoc) {
  const items = dates.filter((d) => d.from || d.to).map((d) => ({ d,
    a: dayNumber(d.from || d.to), b: dayNumber(d.to || d.from) + 1 }));
  if (!items.length) return el('p', { class: 'muted' }, 'No dates.');
  // The axis spans the dates of up to ten years, so that one lifespan (1919/1986) does not
  // squash the rest; longer bars are cut at the edges.
  const short = items.filter((i) => i.b - i.a <= 3653);
  const span = short.length ? short : items;
  let lo = Math.min(...span.map((i) => i.a)), hi = Math.max(...span.map((i) => i.b));
  if (hi - lo < 60) { lo -= 30; hi += 30; }
  for (const i of items) { i.a = Math.max(lo, Math.min(hi, i.a)); i.b = Math.max(lo, Math.min(hi, i.b)); }
  const W = 900, row = 18, top = 24, H = top + items.length * row + 8, left = 8, right = 8;
  const x = (t) => left + (W - left - right) * (t - lo) / (hi - lo);
  const g = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'timeline', role: 'img', 'aria-label': 'timeline of dates' });
  const y0 = new Date(lo * 86400000).getUTCFullYear(), y1 = new Date(hi * 86400000).getUTCFullYear();
  const step = Math.max(1, Math.ceil((y1 - y0 + 1) / 10));
  for (let y = y0; y <= y1 + 1; y += step) {
    const t = Date.UTC(y, 0, 1) / 86400000;
    if (t < lo || t > hi) continue;
    g.append(svg('line', { x1: x(t), x2: x(t), y1: 14, y2: H, class: 'tick' }), svg('text', { x: x(t) + 2, y: 12, class: 'tick-label' }, y));
  }
  items.sort((p, q) => p.a - q.a).forEach((i, n) => {
    const y = top + n * row;
    const wide = Math.max(4, x(i.b) - x(i.a));
    const link = svg('a', { href: '#/doc/' + encodeURIComponent(i.d.doc_id) + '?tag=' + i.d.id });
    link.append(svg('title', {}, `${i.d.text} → ${i.d.value}` + (withDoc ? ` (${i.d.doc_id})` : '')),
      svg('rect', { x: x(i.a), y: y, width: wide, height: row - 6, rx: 2, class: 'date-bar ' + i.d.review }),
      // Labels go on a long bar, right of a bar in the left half, left of one in the right half.
      svg('text', wide > W / 2 ? { x: x(i.a) + 4, y: y + row - 8, class: 'date-label' }
        : x(i.a) + wide / 2 < W / 2 ? { x: x(i.a) + wide + 4, y: y + row - 8, class: 'date-label' }
                                           : { x: x(i.a) - 4, y: y + row - 8, class: 'date-label', 'text-anchor': 'end' },
        i.d.value + ' · ' + i.d.text + (withDoc ? ' · ' + i.d.doc_id : '')));
    g.append(link);
  });
  return g;
}

function placeList(places, withDocs) {
  if (!places.length) return el('p', { class: 'muted' }, 'No places.');
  return el('ul', { class: 'places' }, places.map((p) => el('li', {},
    el('a', { href: '#/doc/' + encodeURIComponent(p.first_doc) + '?tag=' + p.first_id }, p.name),
    ' ', el('span', { class: 'muted' }, `${p.mentions}×` + (withDocs ? ` in ${p.documents} doc.` : '') +
                                         (p.authority ? ' · ' + p.authority : '')))));
}

// Places with coordinates, plotted by longitude and latitude: where the story happens.
function placeMap(places) {
  const pts = places.filter((p) => typeof p.lat === 'number');
  if (!pts.length) return null;
  const lons = pts.map((p) => p.lon), lats = pts.map((p) => p.lat);
  const pad = 3;
  const x0 = Math.min(...lons) - pad, x1 = Math.max(...lons) + pad;
  const y0 = Math.min(...lats) - pad, y1 = Math.max(...lats) + pad;
  const W = 600, H = Math.max(200, Math.min(500, W * (y1 - y0) / (x1 - x0)));
  const g = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'map', role: 'img', 'aria-label': 'map of places' });
  g.append(svg('rect', { x: 0, y: 0, width: W, height: H, class: 'map-bg' }));
  for (const p of pts) {
    const cx = W * (p.lon - x0) / (x1 - x0), cy = H * (y1 - p.lat) / (y1 - y0);
    g.append(svg('circle', { cx, cy, r: 3 + Math.min(9, 2 * Math.sqrt(p.mentions)), class: 'map-dot' },
                 svg('title', {}, `${p.name}: ${p.mentions}×`)),
             svg('text', { x: cx + 6, y: cy + 4, class: 'map-label' }, p.name));
  }
  return g;
}

// ---- one document ----------------------------------------------------------------------

async function showDocument(main, id, tagId) {
  const fromElsewhere = state.view !== 'document';
  state.view = 'document';
  if (fromElsewhere || !state.doc || state.doc.id !== id) {
    main.replaceChildren(el('p', { class: 'muted' }, 'Loading…'));
    try {
      state.doc = await api('GET', docPath(id));
    } catch (e) { state.doc = null; return fail(main, e); }
    state.bytes = utf8.encode(state.doc.text);
    state.page = 1;
    state.selected = null;
  }
  const doc = state.doc;
  if (tagId) {
    const t = doc.entities.find((e) => String(e.id) === String(tagId));
    if (t) { state.selected = t.id; state.page = t.page; }
  }
  main.replaceChildren(
    el('div', { class: 'doc-head' },
      el('h2', {}, doc.id),
      el('span', { class: 'muted' }, doc.source.media_type + ' · ' + doc.pages.length + ' page(s)'),
      el('span', { class: 'spacer' }),
      el('button', { type: 'button', id: 'export-fixture', onclick: exportFixture }, 'Export as fixture')),
    el('div', { class: 'doc' },
      el('section', { class: 'scan-pane' }, el('div', { class: 'toolbar', id: 'scan-toolbar' }), el('div', { class: 'scan-scroll' }, el('div', { class: 'scan', id: 'scan' }))),
      el('section', { class: 'text-pane' },
        el('div', { class: 'toolbar' },
          el('label', {}, 'New tag from selection ', typeSelect('add-type', 'person')),
          el('button', { type: 'button', id: 'add-from-selection', onclick: addFromSelection }, 'Add')),
        el('div', { class: 'text', id: 'text', lang: '' }),
        el('div', { id: 'detail', class: 'detail' }))),
    el('div', { class: 'doc-foot' },
      el('section', {}, el('h3', {}, 'Dates'), el('div', { id: 'doc-timeline' })),
      el('section', {}, el('h3', {}, 'Places'), el('div', { id: 'doc-places' })),
      el('section', {}, el('h3', {}, 'Decisions'), el('ol', { id: 'history', class: 'history' }))));
  renderScan();
  renderText();
  renderDetail();
  refreshFoot();
}

function typeSelect(id, value) {
  return el('select', { id }, TYPES.map((t) => el('option', { value: t, selected: t === value }, t)));
}

const entityById = (id) => state.doc.entities.find((e) => e.id === id);

function renderScan() {
  const doc = state.doc;
  const page = doc.pages[state.page - 1];
  const bar = document.getElementById('scan-toolbar');
  if (!page) { bar.replaceChildren(); return; }
  bar.replaceChildren(
    el('button', { type: 'button', onclick: () => goPage(state.page - 1), disabled: state.page <= 1, title: 'previous page' }, '‹'),
    el('span', { id: 'page-label' }, `page ${state.page} / ${doc.pages.length}`),
    el('button', { type: 'button', onclick: () => goPage(state.page + 1), disabled: state.page >= doc.pages.length, title: 'next page' }, '›'),
    el('button', { type: 'button', onclick: () => zoom(1 / 1.25), title: 'zoom out (−)' }, '−'),
    el('button', { type: 'button', onclick: () => zoom(1.25), title: 'zoom in (+)' }, '+'),
    el('label', {}, el('input', { type: 'checkbox', id: 'show-words', checked: state.words,
      onchange: (ev) => { state.words = ev.target.checked; renderScan(); } }), ' words'),
    el('label', { title: 'drag a box over words on the scan to tag them' }, el('input', { type: 'checkbox', id: 'draw-mode', checked: state.draw,
      onchange: (ev) => { state.draw = ev.target.checked; renderScan(); } }), ' draw a tag'),
    el('span', { class: 'legend' }, TYPES.map((t) => el('span', { class: 'chip ' + t }, t))));

  const scan = document.getElementById('scan');
  scan.style.width = (100 * state.zoom) + '%';
  scan.classList.toggle('drawing', state.draw);
  const img = el('img', { alt: `scan of page ${state.page}`, draggable: 'false',
    src: docPath(doc.id) + '/pages/' + state.page + '/image?width=1600' });
  img.addEventListener('error', () => { img.replaceWith(el('div', { class: 'no-image' }, 'No image for this page (a transcription or a text layer).')); });
  const overlay = el('div', { class: 'overlay' });
  const box = (b, cls, attrs) => {
    const d = el('div', Object.assign({ class: cls }, attrs || {}));
    d.style.left = (100 * b[0] / page.width) + '%';
    d.style.top = (100 * b[1] / page.height) + '%';
    d.style.width = (100 * (b[2] - b[0]) / page.width) + '%';
    d.style.height = (100 * (b[3] - b[1]) / page.height) + '%';
    return d;
  };
  if (state.words)
    for (const w of page.words) {
      const d = box(w.bbox, 'word');
      d.title = 'confidence ' + (w.confidence || 0).toFixed(2);
      overlay.append(d);
    }
  for (const e of doc.entities) {
    if (e.page !== state.page) continue;
    for (const b of e.bboxes) {
      const d = box(b, `box ${e.type} ${e.review}` + (e.id === state.selected ? ' selected' : ''),
                    { dataset: { id: e.id }, title: `${e.type}: ${e.text} (${e.review})` });
      d.addEventListener('click', () => select(e.id));
      d.addEventListener('mouseenter', () => hot(e.id, true));
      d.addEventListener('mouseleave', () => hot(e.id, false));
      overlay.append(d);
    }
  }
  scan.replaceChildren(img, overlay);
  if (state.draw) enableDrawing(overlay, page);
}

function goPage(n) {
  if (n < 1 || n > state.doc.pages.length) return;
  state.page = n;
  renderScan();
}

function zoom(f) {
  state.zoom = Math.min(4, Math.max(0.5, state.zoom * f));
  document.getElementById('scan').style.width = (100 * state.zoom) + '%';
}

// Dragging a box over the scan selects the words inside it: their span becomes a new tag.
function enableDrawing(overlay, page) {
  let start = null, rect = null;
  const at = (ev) => {
    const r = overlay.getBoundingClientRect();
    return [(ev.clientX - r.left) / r.width * page.width, (ev.clientY - r.top) / r.height * page.height];
  };
  overlay.addEventListener('mousedown', (ev) => {
    if (ev.button !== 0) return;
    ev.preventDefault();
    start = at(ev);
    rect = el('div', { class: 'drawn' });
    overlay.append(rect);
  });
  overlay.addEventListener('mousemove', (ev) => {
    if (!start) return;
    const p = at(ev);
    const b = [Math.min(start[0], p[0]), Math.min(start[1], p[1]), Math.max(start[0], p[0]), Math.max(start[1], p[1])];
    rect.style.left = (100 * b[0] / page.width) + '%';
    rect.style.top = (100 * b[1] / page.height) + '%';
    rect.style.width = (100 * (b[2] - b[0]) / page.width) + '%';
    rect.style.height = (100 * (b[3] - b[1]) / page.height) + '%';
    rect.dataset.box = JSON.stringify(b);
  });
  overlay.addEventListener('mouseup', () => {
    if (!start) return;
    start = null;
    const b = rect.dataset.box ? JSON.parse(rect.dataset.box) : null;
    if (!b) { rect.remove(); return; }
    const inside = page.words.filter((w) => w.start !== undefined && w.bbox[0] < b[2] && w.bbox[2] > b[0] && w.bbox[1] < b[3] && w.bbox[3] > b[1]);
    if (!inside.length) { rect.remove(); toast('No words inside that box.'); return; }
    const s = Math.min(...inside.map((w) => w.start)), e = Math.max(...inside.map((w) => w.end));
    openAddForm(s, e);
  });
}

// The normalized text, tags highlighted; overlapping tags are listed but only the first is
// highlighted. Each run remembers its byte offset so a selection maps back to the text.
function renderText() {
  const box = document.getElementById('text');
  const bytes = state.bytes;
  const tags = state.doc.entities.slice().sort((a, b) => a.start - b.start || b.end - a.end);
  const parts = [];
  let at = 0;
  for (const t of tags) {
    if (t.start < at) continue;
    if (t.start > at) parts.push(el('span', { class: 'run', dataset: { start: at } }, sliceBytes(bytes, at, t.start)));
    const span = el('mark', { class: `tag ${t.type} ${t.review}` + (t.id === state.selected ? ' selected' : ''),
      dataset: { id: t.id, start: t.start }, title: `${t.type} · ${t.value} · ${t.review}` },
      sliceBytes(bytes, t.start, t.end));
    span.addEventListener('click', () => select(t.id));
    span.addEventListener('mouseenter', () => hot(t.id, true));
    span.addEventListener('mouseleave', () => hot(t.id, false));
    parts.push(span);
    at = t.end;
  }
  if (at < bytes.length) parts.push(el('span', { class: 'run', dataset: { start: at } }, sliceBytes(bytes, at, bytes.length)));
  box.replaceChildren(...parts);
}

function hot(id, on) {
  for (const n of document.querySelectorAll(`[data-id="${id}"]`)) n.classList.toggle('hot', on);
}

function select(id, scroll) {
  state.selected = id;
  state.editing = false;
  const e = entityById(id);
  if (e && e.page !== state.page) state.page = e.page;
  renderScan();
  for (const n of document.querySelectorAll('.selected')) n.classList.remove('selected');
  for (const n of document.querySelectorAll(`[data-id="${id}"]`)) n.classList.add('selected');
  renderDetail();
  if (scroll !== false) {
    const mark = document.querySelector(`#text mark[data-id="${id}"]`);
    if (mark) mark.scrollIntoView({ block: 'nearest' });
    const b = document.querySelector(`#scan .box[data-id="${id}"]`);
    if (b) b.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }
}

function renderDetail() {
  const box = document.getElementById('detail');
  const e = state.selected !== null ? entityById(state.selected) : null;
  if (!e) {
    box.replaceChildren(el('p', { class: 'muted' }, 'Select a tag (click it, or press j) to review it.'));
    return;
  }
  const facts = el('dl', { class: 'facts' },
    el('dt', {}, 'type'), el('dd', {}, el('span', { class: 'chip ' + e.type, id: 'tag-type' }, e.type)),
    el('dt', {}, 'text'), el('dd', { id: 'tag-text' }, e.text),
    el('dt', {}, 'value'), el('dd', { id: 'tag-value' }, e.value),
    el('dt', {}, 'authority'), el('dd', { id: 'tag-authority' }, e.authority || '—'),
    el('dt', {}, 'status'), el('dd', {}, el('span', { class: 'status ' + e.review, id: 'tag-status' }, e.review)),
    el('dt', {}, 'confidence'), el('dd', {}, e.confidence.toFixed(2)),
    el('dt', {}, 'evidence'), el('dd', { class: 'evidence' }, (e.evidence || []).join(', ')),
    e.type === 'date' && (e.date_from || e.date_to) ? [el('dt', {}, 'range'), el('dd', {}, `${e.date_from || '…'} – ${e.date_to || '…'}`)] : null);
  const buttons = el('div', { class: 'actions' },
    el('button', { type: 'button', id: 'accept', class: 'accept', onclick: () => decide('accept') }, 'Accept (a)'),
    el('button', { type: 'button', id: 'reject', class: 'reject', onclick: () => decide('reject') }, 'Reject (r)'),
    el('button', { type: 'button', id: 'edit', onclick: openEdit }, 'Edit (e)'),
    el('button', { type: 'button', id: 'undo', onclick: undo }, 'Undo (u)'));
  box.replaceChildren(facts, buttons);
  if (state.editing) box.append(editForm(e));
}

function openEdit() {
  if (state.selected === null) return;
  state.editing = true;
  renderDetail();
  const v = document.getElementById('edit-value');
  if (v) { v.focus(); v.select(); }
}

// Type, span (from the current text selection), value (EDTF for dates) and authority (with
// a lookup in the authority files).
function editForm(e) {
  const type = typeSelect('edit-type', e.type);
  const value = el('input', { id: 'edit-value', value: e.value, placeholder: 'value' });
  const authority = el('input', { id: 'edit-authority', value: e.authority || '', placeholder: 'e.g. places:lisbon', autocomplete: 'off' });
  const found = el('ul', { class: 'lookup', id: 'authority-results' });
  const span = { start: e.start, end: e.end };
  const spanLabel = el('span', { id: 'edit-span' }, `${e.start}–${e.end}`);
  const hint = el('p', { class: 'hint' });
  const setHint = () => {
    hint.textContent = type.value === 'date' ? 'Value: an EDTF date: 1943-09-28, 1943-09, 1943, 1944-06~, 1942?, 1943-10-01/1943-10-02.'
      : 'Value: the canonical name; authority: look it up by name.';
  };
  setHint();
  type.addEventListener('change', setHint);
  let timer = null;
  const lookup = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = authority.value.includes(':') ? authority.value.split(':')[1] : authority.value;
      if (!q.trim() || type.value === 'date') { found.replaceChildren(); return; }
      try {
        const hits = await api('GET', `/api/authorities?type=${encodeURIComponent(type.value)}&q=${encodeURIComponent(q)}`);
        found.replaceChildren(...hits.map((h) => el('li', {}, el('button', { type: 'button', onclick: () => {
          authority.value = h.id;
          value.value = h.name;
          found.replaceChildren();
        } }, h.name), ' ', el('span', { class: 'muted' }, h.id + (h.detail ? ' · ' + h.detail : '')))));
      } catch (err) { found.replaceChildren(); }
    }, 150);
  };
  authority.addEventListener('input', lookup);
  const form = el('form', { class: 'edit', id: 'edit-form', onsubmit: async (ev) => {
    ev.preventDefault();
    const changes = {};
    if (type.value !== e.type) changes.type = type.value;
    if (value.value !== e.value) changes.value = value.value;
    if ((authority.value || null) !== (e.authority || null)) changes.authority = authority.value;
    if (span.start !== e.start || span.end !== e.end) { changes.start = span.start; changes.end = span.end; }
    if (!Object.keys(changes).length) { state.editing = false; renderDetail(); return; }
    await decide('edit', changes);
  } },
  el('label', {}, 'type ', type),
  el('label', {}, 'value ', value),
  el('label', {}, 'authority ', authority), found,
  el('div', {}, 'span ', spanLabel, ' ', el('button', { type: 'button', id: 'edit-span-from-selection', onclick: () => {
    const sel = selectionSpan();
    if (!sel) { toast('Select the words in the text first.'); return; }
    Object.assign(span, sel);
    spanLabel.textContent = `${span.start}–${span.end}: ${sliceBytes(state.bytes, span.start, span.end)}`;
  } }, 'use the selected text')),
  hint,
  el('div', { class: 'actions' }, el('button', { type: 'submit', id: 'edit-save' }, 'Save'),
    el('button', { type: 'button', onclick: () => { state.editing = false; renderDetail(); } }, 'Cancel')));
  return form;
}

// The current text selection as byte offsets in the document text, or null.
function selectionSpan() {
  const sel = window.getSelection();
  if (!sel || sel.isCollapsed || !sel.rangeCount) return null;
  const r = sel.getRangeAt(0);
  const offset = (node, off) => {
    const part = (node.nodeType === Node.TEXT_NODE ? node.parentElement : node).closest('#text > [data-start]');
    if (!part) return null;
    const text = node.nodeType === Node.TEXT_NODE ? node.data.slice(0, off) : '';
    return Number(part.dataset.start) + byteLength(text);
  };
  let a = offset(r.startContainer, r.startOffset), b = offset(r.endContainer, r.endOffset);
  if (a === null || b === null || b <= a) return null;
  // Trim spaces the selection took along.
  const s = sliceBytes(state.bytes, a, b);
  a += byteLength(s.slice(0, s.length - s.trimStart().length));
  b -= byteLength(s.slice(s.trimEnd().length));
  return b > a ? { start: a, end: b } : null;
}

function addFromSelection() {
  const sel = selectionSpan();
  if (!sel) { toast('Select the words of the missing tag in the text first.'); return; }
  openAddForm(sel.start, sel.end);
}

function openAddForm(start, end) {
  const box = document.getElementById('detail');
  const text = sliceBytes(state.bytes, start, end);
  const type = typeSelect('new-type', document.getElementById('add-type').value);
  const value = el('input', { id: 'new-value', value: text });
  box.replaceChildren(el('form', { class: 'edit', id: 'add-form', onsubmit: async (ev) => {
    ev.preventDefault();
    try {
      const t = await api('POST', docPath(state.doc.id) + '/tags',
        { type: type.value, start, end, value: value.value, reviewer: reviewer() });
      state.doc.entities.push(t);
      state.draw = false;
      toast('Tag added.', 'ok');
      renderText();
      select(t.id);
      refreshFoot();
    } catch (e) { handleError(e); }
  } }, el('h3', {}, 'New tag'), el('p', {}, el('q', {}, text)),
  el('label', {}, 'type ', type), el('label', {}, 'value ', value),
  el('div', { class: 'actions' }, el('button', { type: 'submit', id: 'add-save' }, 'Add tag'),
    el('button', { type: 'button', onclick: () => { renderScan(); renderDetail(); } }, 'Cancel'))));
  value.focus();
}

function replaceEntity(t) {
  const i = state.doc.entities.findIndex((e) => e.id === t.id);
  if (i >= 0) state.doc.entities[i] = t; else state.doc.entities.push(t);
}

function handleError(e) {
  if (e instanceof ApiError && e.status === 409 && e.body && e.body.current) {
    replaceEntity(e.body.current);
    renderText(); renderScan(); renderDetail();
    toast(e.message, 'warn');
  } else {
    toast(e.message, 'error');
  }
}

async function decide(action, changes) {
  const e = entityById(state.selected);
  if (!e) return;
  try {
    const t = await api('POST', `/api/entities/${e.id}/decision`,
      { action, version: e.version, reviewer: reviewer(), changes });
    replaceEntity(t);
    state.editing = false;
    renderText();
    if (action === 'edit') select(t.id, false); else nextTag(true);
    toast(`${action === 'edit' ? 'Saved' : action === 'accept' ? 'Accepted' : 'Rejected'}: ${t.text}`, 'ok');
    refreshFoot();
  } catch (err) { handleError(err); }
}

async function undo() {
  const e = entityById(state.selected);
  if (!e) return;
  try {
    const t = await api('POST', `/api/entities/${e.id}/undo`, { version: e.version, reviewer: reviewer() });
    if (t.deleted) {
      state.doc.entities = state.doc.entities.filter((x) => x.id !== e.id);
      state.selected = null;
      toast('Undone: the added tag is gone.', 'ok');
      renderScan();
    } else {
      replaceEntity(t);
      toast('Undone.', 'ok');
    }
    renderText();
    if (state.selected !== null) select(state.selected, false); else renderDetail();
    refreshFoot();
  } catch (err) { handleError(err); }
}

// The next tag in reading order; with `pendingFirst`, the next one still pending if any.
function nextTag(pendingFirst, step) {
  const tags = state.doc.entities.slice().sort((a, b) => a.start - b.start);
  if (!tags.length) return;
  const i = tags.findIndex((t) => t.id === state.selected);
  const dir = step || 1;
  for (let k = 1; k <= tags.length; ++k) {
    const t = tags[(i + dir * k + tags.length * 2) % tags.length];
    if (!pendingFirst || t.review === 'pending') return select(t.id);
  }
  if (pendingFirst) return select(tags[(i + dir + tags.length) % tags.length].id);
}

async function refreshFoot() {
  const id = state.doc.id;
  try {
    const [summary, history] = await Promise.all([api('GET', docPath(id) + '/summary'), api('GET', docPath(id) + '/history')]);
    if (!state.doc || state.doc.id !== id) return;
    document.getElementById('doc-timeline').replaceChildren(timeline(summary.dates, false));
    document.getElementById('doc-places').replaceChildren(placeList(summary.places, false));
    document.getElementById('history').replaceChildren(...history.slice(0, 50).map((h) => el('li', {},
      el('span', { class: 'muted' }, h.at.replace('T', ' ').slice(0, 19)), ' ',
      el('strong', {}, h.reviewer), ' ', el('span', { class: 'action ' + h.action }, h.action), ' ',
      el('span', {}, describeChange(h)))));
  } catch (e) { /* the footer is a convenience */ }
}

function describeChange(h) {
  const b = h.before, a = h.after;
  if (!b && a) return `${a.type} “${a.text}” = ${a.value}`;
  if (b && !a) return `${b.type} “${b.text}” removed`;
  const diffs = [];
  for (const k of ['type', 'text', 'value', 'authority', 'review'])
    if (JSON.stringify(b[k]) !== JSON.stringify(a[k])) diffs.push(`${k}: ${b[k] ?? '—'} → ${a[k] ?? '—'}`);
  return `“${b.text}” ` + (diffs.join('; ') || 'unchanged');
}

async function exportFixture() {
  try {
    const r = await api('POST', docPath(state.doc.id) + '/fixture', {});
    toast(`Fixture written to ${r.dir} (${r.entities} gold tags).`, 'ok');
  } catch (e) { handleError(e); }
}

// ---- keyboard --------------------------------------------------------------------------

document.addEventListener('keydown', (ev) => {
  if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
  const typing = ev.target.closest && ev.target.closest('input, textarea, select');
  if (ev.key === 'Escape') {
    document.getElementById('help').hidden = true;
    if (state.editing) { state.editing = false; renderDetail(); }
    return;
  }
  if (typing) return;
  if (ev.key === '?') { document.getElementById('help').hidden = !document.getElementById('help').hidden; return; }
  if (state.view !== 'document' || !state.doc) return;
  const keys = {
    j: () => nextTag(false, 1), ArrowDown: () => nextTag(false, 1),
    k: () => nextTag(false, -1), ArrowUp: () => nextTag(false, -1),
    a: () => decide('accept'), r: () => decide('reject'), e: openEdit, u: undo,
    w: () => { state.words = !state.words; renderScan(); },
    '+': () => zoom(1.25), '=': () => zoom(1.25), '-': () => zoom(1 / 1.25),
  };
  const f = keys[ev.key];
  if (f) { ev.preventDefault(); f(); }
});

// ---- start -----------------------------------------------------------------------------

(function start() {
  const input = document.getElementById('reviewer');
  input.value = localStorage.getItem('testimony.reviewer') || defaultReviewer || '';
  input.addEventListener('change', () => localStorage.setItem('testimony.reviewer', input.value.trim()));
  document.getElementById('help-button').addEventListener('click', () => {
    const h = document.getElementById('help');
    h.hidden = !h.hidden;
  });
  window.addEventListener('hashchange', route);
  route();
})();
