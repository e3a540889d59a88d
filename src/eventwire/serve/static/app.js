// eventwire web app: filters, a timeline, a map, an events table and the evidence view.
// No framework and nothing loaded from elsewhere; all text from the store goes in as text
// nodes (never as HTML).
import { $, el, debounce } from './dom.js';
import { ANTARCTICA, drawTimeline, unwrap } from './charts.js';
import { drawLegend, loadCodes, radius, shadeCountries } from './map.js';

const PAGE = 50;
const state = { page: 1, pages: 1, qpage: 1, apage: 1, view: 'events', map: null, markers: null, world: null, places: [] };
let serial = 0; // the latest events refresh; older answers are dropped

function say(message) {
  const status = $('#status');
  status.textContent = message || '';
  status.hidden = !message;
}

async function api(path, params) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== '' && value !== null && value !== undefined) url.searchParams.set(key, value);
  }
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.detail || response.statusText);
  return body;
}

function formParams(form) {
  const params = {};
  for (const [key, value] of new FormData(form)) {
    if (String(value).trim() !== '') params[key] = String(value).trim();
  }
  return params;
}

function filterParams() {
  const params = formParams($('#filters'));
  if (Number(params.min_confidence || 0) === 0) delete params.min_confidence;
  return params;
}

// ---- first screen -------------------------------------------------------------------
async function loadStats() {
  const stats = await api('/api/stats');
  const t = stats.totals;
  $('#totals').textContent = `${t.events.toLocaleString()} events · ${t.articles.toLocaleString()} articles · ${t.quotes.toLocaleString()} quotes`;
  const form = $('#filters');
  fill(form.elements.type, stats.by_type.map((row) => row.type));
  fill(form.elements.mode, stats.modes);
  fill(form.elements.country, stats.countries);
}

function fill(select, values) {
  for (const value of values) select.append(el('option', { value }, value));
}

function refresh() {
  state.page = 1;
  saveView();
  return Promise.all([loadEvents(), loadCounts(), loadPlaces()]);
}

// ---- the view in the URL: filters, order, timeline grouping (a view can be shared) ----
const VIEW_CONTROLS = { sort: '#sort', by: '#group', per: '#interval' };

function saveView() {
  const params = new URLSearchParams(filterParams());
  for (const [key, selector] of Object.entries(VIEW_CONTROLS)) {
    const control = $(selector);
    if (control.value !== control.options[0].value) params.set(key, control.value);
  }
  const query = params.toString();
  window.history.replaceState(null, '', `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`);
}

function restoreView() {
  const form = $('#filters');
  for (const [key, value] of new URLSearchParams(window.location.search)) {
    const control = VIEW_CONTROLS[key] ? $(VIEW_CONTROLS[key]) : form.elements[key];
    if (!control) continue;
    if (control.tagName === 'SELECT' && ![...control.options].some((o) => o.value === value)) {
      control.append(el('option', { value }, value));  // a value the store no longer lists
    }
    control.value = value;
    if (key === 'min_confidence') $('#conf-out').textContent = value;
  }
}

// ---- events table -------------------------------------------------------------------
async function loadEvents() {
  const mine = ++serial;
  const params = { ...filterParams(), sort: $('#sort').value, page: state.page, limit: PAGE };
  let body;
  try {
    body = await api('/api/events', params);
  } catch (error) {
    say(error.message);
    return;
  }
  if (mine !== serial) return;
  say('');
  state.pages = Math.max(1, body.pages);
  $('#count').textContent = `(${body.total.toLocaleString()})`;
  $('#pageinfo').textContent = `page ${body.page} of ${state.pages}`;
  $('#prev').disabled = body.page <= 1;
  $('#next').disabled = body.page >= state.pages;
  const rows = body.items.map((event) => {
    const row = el('tr', { tabindex: '0', dataset: { id: event.id } },
      el('td', { class: 'nowrap' }, event.day || '—'),
      el('td', {}, el('span', { class: 'type' }, event.type), event.mode ? el('small', { class: 'mode' }, ` ${event.mode}`) : null),
      el('td', {}, event.source_name || ''),
      el('td', { class: 'wide' }, event.target_name || ''),
      el('td', {}, event.place_name || ''),
      el('td', { class: 'num' }, event.num_mentions),
      el('td', { class: 'num' }, event.confidence === null ? '' : event.confidence.toFixed(2)),
      el('td', { class: 'wide sentence' }, event.sentence || ''));
    return row;
  });
  $('#events tbody').replaceChildren(...rows);
  const download = new URLSearchParams({ ...filterParams(), sort: $('#sort').value });
  download.set('format', 'csv');
  $('#csv').href = `/api/events?${download}`;
  download.set('format', 'jsonl');
  $('#jsonl').href = `/api/events?${download}`;
}

// ---- timeline -----------------------------------------------------------------------
async function loadCounts() {
  const params = { ...filterParams(), by: $('#group').value, per: $('#interval').value };
  let body;
  try {
    body = await api('/api/counts', params);
  } catch (error) {
    say(error.message);
    return;
  }
  drawTimeline(body);
}

// ---- map ----------------------------------------------------------------------------
async function initMap() {
  const map = L.map('map', { worldCopyJump: true, minZoom: 1, maxZoom: 9, zoomSnap: 0.5 })
    .setView([22, 15], 1.5);
  map.attributionControl.setPrefix('Leaflet · world outline: Natural Earth');
  state.map = map;
  state.markers = L.layerGroup().addTo(map);
  try {
    const response = await fetch('/static/vendor/world-atlas/countries-110m.json');
    const topo = await response.json();
    const world = topojson.feature(topo, topo.objects.countries);
    world.features = world.features.filter((f) => f.id !== ANTARCTICA).map(unwrap);
    await loadCodes();
    state.world = L.geoJSON(world, {
      interactive: false,
      style: { color: '#8a9aa8', weight: 0.6, fillColor: '#eef1ea', fillOpacity: 1 },
    }).addTo(map);
    state.markers.eachLayer((layer) => layer.bringToFront());
  } catch (error) {
    say(`world outline not loaded: ${error.message}`);
  }
}

async function loadPlaces() {
  let body;
  try {
    body = await api('/api/places', { ...filterParams(), limit: 2000 });
  } catch (error) {
    say(error.message);
    return;
  }
  state.places = body.items;
  drawPlaces();
}

function drawPlaces() {
  if (!state.map) return;
  const mode = $('#mapmode').value;
  state.markers.clearLayers();
  const shown = mode === 'countries' ? [] : state.places;
  for (const place of shown) {
    const marker = L.circleMarker([place.lat, place.lon], {
      radius: radius(place.events), className: 'ew-marker', color: '#b3261e',
      weight: 1, fillColor: '#e4572e', fillOpacity: 0.6,
    });
    const tip = document.createElement('span');  // text, never markup: names come from articles
    tip.textContent = `${place.name || '?'}${place.country ? ` (${place.country})` : ''}: ${place.events} event(s)`;
    marker.bindTooltip(tip);
    marker.on('click', () => { $('#filters').elements.place.value = place.name || ''; refresh(); });
    state.markers.addLayer(marker);
  }
  shadeCountries(state.world, state.places, mode !== 'places');
  drawLegend(state.places, mode);
  $('#map').dataset.markers = String(shown.length);
}

// ---- evidence view ------------------------------------------------------------------
function highlight(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const span of spans) { cuts.add(span.start); cuts.add(span.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i];
    const end = points[i + 1];
    const piece = text.slice(start, end);
    const kinds = spans.filter((s) => s.start <= start && end <= s.end).map((s) => s.kind);
    if (!kinds.length) { out.push(document.createTextNode(piece)); continue; }
    const unique = [...new Set(kinds)];
    out.push(el('mark', { class: unique.map((k) => `hl hl-${k}`).join(' '), title: unique.join(', ') }, piece));
  }
  return out;
}

function facts(pairs) {
  $('#ev-facts').replaceChildren(...pairs.filter(([, v]) => v !== null && v !== undefined && v !== '')
    .flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

async function showArticle(articleId, params) {
  const body = await api(`/api/articles/${encodeURIComponent(articleId)}`, params);
  $('#ev-article-title').textContent = body.title || body.id;
  $('#ev-article-meta').textContent = [body.outlet, body.published, body.url].filter(Boolean).join(' · ');
  const box = $('#ev-text');
  box.replaceChildren(...highlight(body.text, body.spans));
  box.dataset.article = body.id;
  const first = box.querySelector('.hl-trigger, .hl-quote');
  if (first && first.scrollIntoView) first.scrollIntoView({ block: 'center' });
  return body;
}

function openPanel() {
  const panel = $('#evidence');
  panel.hidden = false;
  $('#ev-close').focus();
}

async function openEvent(eventId) {
  let event;
  try {
    event = await api(`/api/events/${encodeURIComponent(eventId)}`);
  } catch (error) {
    say(error.message);
    return;
  }
  $('#ev-title').textContent = `${event.type}${event.mode ? ` (${event.mode})` : ''}: ${event.source_name || '?'} → ${event.target_name || '?'}`;
  $('#evidence').dataset.event = event.id;
  facts([['Date', event.day || 'unknown'], ['Place', event.place_name], ['Country', event.country],
    ['Confidence', event.confidence === null ? null : event.confidence.toFixed(2)],
    ['Factual', event.factual ? 'yes' : 'no'], ['Mentions', `${event.num_mentions} in ${event.num_articles} article(s)`]]);
  const buttons = event.mentions.map((mention, i) => el('button', {
    type: 'button', class: 'mention', title: mention.title || mention.article_id,
    dataset: { article: mention.article_id, item: mention.item_id },
  }, `${i + 1}. “${mention.trigger_text}” — ${[mention.outlet, mention.published].filter(Boolean).join(', ')}: ${mention.title || mention.article_id}`));
  for (const button of buttons) {
    button.addEventListener('click', () => selectMention(buttons, button));
  }
  $('#ev-mentions').replaceChildren(...buttons);
  openPanel();
  if (buttons.length) await selectMention(buttons, buttons[0]);
}

async function selectMention(buttons, button) {
  for (const other of buttons) other.classList.toggle('active', other === button);
  try {
    await showArticle(button.dataset.article, { event: button.dataset.item });
  } catch (error) {
    say(error.message);
  }
}

async function openQuote(row) {
  $('#ev-title').textContent = `Quote: ${row.speaker_name || 'unknown speaker'}`;
  $('#evidence').dataset.event = '';
  facts([['Said', row.cue], ['Direct', row.direct ? 'yes' : 'no'], ['Channel', row.channel]]);
  $('#ev-mentions').replaceChildren();
  openPanel();
  try {
    await showArticle(row.article_id, { quote: row.quote_id });
  } catch (error) {
    say(error.message);
  }
}

// ---- quotes and actors --------------------------------------------------------------
async function loadQuotes() {
  const params = { ...formParams($('#quote-filters')), page: state.qpage, limit: PAGE };
  let body;
  try { body = await api('/api/quotes', params); } catch (error) { say(error.message); return; }
  say('');
  const rows = body.items.map((row) => {
    const tr = el('tr', { tabindex: '0' }, el('td', { class: 'nowrap' }, row.published || ''),
      el('td', {}, row.speaker_name || ''), el('td', { class: 'quote' }, `“${row.text}”`),
      el('td', { class: 'wide' }, row.outlet || ''));
    activate(tr, () => openQuote(row));
    return tr;
  });
  $('#quotes tbody').replaceChildren(...rows);
  $('#qpageinfo').textContent = `page ${body.page}`;
  $('#qprev').disabled = body.page <= 1;
  $('#qnext').disabled = body.items.length < PAGE;
}

async function loadActors() {
  const params = { ...formParams($('#actor-filters')), page: state.apage, limit: PAGE };
  let body;
  try { body = await api('/api/actors', params); } catch (error) { say(error.message); return; }
  say('');
  const rows = body.items.map((row) => {
    const tr = el('tr', { tabindex: '0' }, el('td', {}, row.name), el('td', {}, row.kind || ''),
      el('td', {}, row.country || ''), el('td', { class: 'wide' }, row.sectors || ''),
      el('td', { class: 'num' }, row.articles));
    activate(tr, () => {
      const form = $('#filters');
      form.reset();
      form.elements.actor.value = row.name;
      window.location.hash = '#events';
      refresh();
    });
    return tr;
  });
  $('#actors tbody').replaceChildren(...rows);
  $('#apageinfo').textContent = `page ${body.page}`;
  $('#aprev').disabled = body.page <= 1;
  $('#anext').disabled = body.items.length < PAGE;
}

function activate(row, action) {
  row.addEventListener('click', action);
  row.addEventListener('keydown', (event) => { if (event.key === 'Enter') action(); });
}

// ---- views and wiring ---------------------------------------------------------------
function showView() {
  const view = (window.location.hash || '#events').slice(1);
  state.view = ['events', 'quotes', 'actors', 'review'].includes(view) ? view : 'events';
  for (const section of document.querySelectorAll('.view')) {
    section.hidden = section.id !== `view-${state.view}`;
  }
  for (const tab of document.querySelectorAll('.tab')) {
    tab.classList.toggle('active', tab.dataset.view === state.view);
    if (tab.dataset.view === state.view) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  if (state.view === 'quotes') loadQuotes();
  if (state.view === 'actors') loadActors();
  if (state.view === 'events' && state.map) state.map.invalidateSize();
}

function wire() {
  const form = $('#filters');
  const later = debounce(refresh, 250);
  form.addEventListener('input', (event) => {
    if (event.target.name === 'min_confidence') $('#conf-out').textContent = event.target.value;
    later();
  });
  form.addEventListener('change', later);
  form.addEventListener('submit', (event) => { event.preventDefault(); refresh(); });
  form.addEventListener('reset', () => { setTimeout(() => { $('#conf-out').textContent = '0'; refresh(); }, 0); });
  $('#sort').addEventListener('change', () => { state.page = 1; saveView(); loadEvents(); });
  $('#group').addEventListener('change', () => { saveView(); loadCounts(); });
  $('#interval').addEventListener('change', () => { saveView(); loadCounts(); });
  $('#mapmode').addEventListener('change', drawPlaces);
  $('#prev').addEventListener('click', () => { state.page = Math.max(1, state.page - 1); loadEvents(); });
  $('#next').addEventListener('click', () => { state.page = Math.min(state.pages, state.page + 1); loadEvents(); });
  $('#events tbody').addEventListener('click', (event) => {
    const row = event.target.closest('tr');
    if (row) openEvent(row.dataset.id);
  });
  $('#events tbody').addEventListener('keydown', (event) => {
    const row = event.target.closest('tr');
    if (row && event.key === 'Enter') openEvent(row.dataset.id);
  });
  const quoteLater = debounce(() => { state.qpage = 1; loadQuotes(); }, 250);
  $('#quote-filters').addEventListener('input', quoteLater);
  $('#quote-filters').addEventListener('submit', (event) => { event.preventDefault(); quoteLater(); });
  $('#qprev').addEventListener('click', () => { state.qpage = Math.max(1, state.qpage - 1); loadQuotes(); });
  $('#qnext').addEventListener('click', () => { state.qpage += 1; loadQuotes(); });
  const actorLater = debounce(() => { state.apage = 1; loadActors(); }, 250);
  $('#actor-filters').addEventListener('input', actorLater);
  $('#actor-filters').addEventListener('submit', (event) => { event.preventDefault(); actorLater(); });
  $('#aprev').addEventListener('click', () => { state.apage = Math.max(1, state.apage - 1); loadActors(); });
  $('#anext').addEventListener('click', () => { state.apage += 1; loadActors(); });
  $('#ev-close').addEventListener('click', () => { $('#evidence').hidden = true; });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') $('#evidence').hidden = true;
  });
  window.addEventListener('hashchange', showView);
  window.addEventListener('resize', debounce(loadCounts, 300));
}

async function main() {
  wire();
  showView();
  const stats = loadStats().catch((error) => say(error.message));
  await initMap();
  await stats;  // the menus hold the store's values before the URL's are set
  restoreView();
  await refresh();
  document.body.dataset.ready = 'true';
}

main();
