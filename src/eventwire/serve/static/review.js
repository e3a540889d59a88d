// eventwire review: buttons in the evidence view and a keyboard-first review queue (the least
// confident unreviewed events first; c confirm, x reject, n skip). Actions POST to
// /api/reviews with the write token typed into the Review tab (kept for this tab only, in
// sessionStorage); each carries the version it was based on, and a 409 says someone else
// reviewed the event first. Text from the store goes in as text nodes, never as HTML.
import { $, el } from './dom.js';

const queue = { items: [], at: 0, done: 0 };

function token() { return sessionStorage.getItem('eventwire-token') || ''; }
function who() { return sessionStorage.getItem('eventwire-who') || ''; }

function tell(message) {
  const status = $('#status');
  status.textContent = message || '';
  status.hidden = !message;
}

async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.detail || response.statusText);
  return body;
}

async function act(eventId, action, body) {
  if (!token()) throw new Error('type the write token in the Review tab first');
  const response = await fetch(`/api/reviews/${encodeURIComponent(eventId)}/${action}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: `Bearer ${token()}` },
    body: JSON.stringify({ ...body, ...(who() ? { who: who() } : {}) }),
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.detail || response.statusText);
  return answer;
}

// ---- the evidence view ---------------------------------------------------------------
async function showReview(eventId) {
  const box = $('#ev-review');
  if (!eventId) { box.hidden = true; return; }
  box.hidden = false;
  box.dataset.event = eventId;
  try {
    const body = await getJson(`/api/reviews/${encodeURIComponent(eventId)}`);
    box.dataset.version = String(body.review.version);
    const flag = body.review.orphaned ? ' (orphaned: its evidence is gone)' : '';
    $('#ev-review-status').textContent = `Reviewed: ${body.review.status}, version ${body.review.version}${flag}`;
    $('#ev-history').replaceChildren(...body.history.map((row) => el('li', {},
      `${row.at} ${row.who} ${row.action}: ${Object.entries(row.changes).map(([k, v]) => `${k} ${v[0]} → ${v[1]}`).join('; ')}${row.note ? ` (${row.note})` : ''}`)));
  } catch (error) {
    tell(error.message);
  }
}

async function fromPanel(action, extra) {
  const box = $('#ev-review');
  try {
    await act(box.dataset.event, action, { version: Number(box.dataset.version || 0), ...extra });
    tell('');
  } catch (error) {
    tell(error.message);
  }
  await showReview(box.dataset.event);
}

// ---- the queue -----------------------------------------------------------------------
function sentence(mention) {
  const text = mention.sentence_text || '';
  const start = mention.trigger_start - mention.sentence_start;
  const end = mention.trigger_end - mention.sentence_start;
  if (!(start >= 0 && end <= text.length && start < end)) return [document.createTextNode(text)];
  return [document.createTextNode(text.slice(0, start)),
    el('mark', { class: 'hl hl-trigger' }, text.slice(start, end)),
    document.createTextNode(text.slice(end))];
}

async function showCurrent() {
  const item = queue.items[queue.at];
  $('#queue-count').textContent = `${Math.max(0, queue.items.length - queue.at)} left`;
  $('#queue-done').textContent = `${queue.done} reviewed in this session`;
  const box = $('#queue-box');
  if (!item) {
    box.dataset.event = '';
    $('#queue-title').textContent = 'Nothing left to review.';
    $('#queue-meta').textContent = '';
    $('#queue-sentence').replaceChildren();
    return;
  }
  box.dataset.event = item.id;
  const event = await getJson(`/api/events/${encodeURIComponent(item.id)}`);
  $('#queue-title').textContent = `${event.type}: ${event.source_name || '?'} → ${event.target_name || '?'}`;
  $('#queue-meta').textContent = [event.day || 'unknown day', event.place_name,
    `confidence ${item.confidence === null ? '?' : Number(item.confidence).toFixed(2)}`,
    event.mentions[0] ? event.mentions[0].title : ''].filter(Boolean).join(' · ');
  $('#queue-sentence').replaceChildren(...(event.mentions[0] ? sentence(event.mentions[0]) : []));
}

async function loadQueue() {
  try {
    queue.items = (await getJson('/api/reviews/queue?limit=200')).events;
    queue.at = 0;
    await showCurrent();
  } catch (error) {
    tell(error.message);
  }
}

async function decide(action) {
  const item = queue.items[queue.at];
  if (!item) return;
  if (action !== 'skip') {
    try {
      await act(item.id, action, { version: 0 });
      queue.done += 1;
      tell('');
    } catch (error) {
      tell(error.message);
      if (!/version/.test(error.message)) return;
    }
  }
  queue.at += 1;
  await showCurrent();
}

function wire() {
  const form = $('#review-token');
  form.elements.token.value = token();
  form.elements.who.value = who();
  form.addEventListener('input', () => {
    sessionStorage.setItem('eventwire-token', form.elements.token.value.trim());
    sessionStorage.setItem('eventwire-who', form.elements.who.value.trim());
  });
  form.addEventListener('submit', (event) => event.preventDefault());
  $('#queue-confirm').addEventListener('click', () => decide('confirm'));
  $('#queue-reject').addEventListener('click', () => decide('reject'));
  $('#queue-skip').addEventListener('click', () => decide('skip'));
  document.addEventListener('keydown', (event) => {
    if ($('#view-review').hidden || event.target.closest('input, select, textarea')) return;
    const action = { c: 'confirm', x: 'reject', n: 'skip' }[event.key];
    if (action) { event.preventDefault(); decide(action); }
  });
  $('#ev-confirm').addEventListener('click', () => fromPanel('confirm'));
  $('#ev-reject').addEventListener('click', () => fromPanel('reject'));
  $('#ev-edit').addEventListener('click', () => fromPanel('edit', { type: $('#ev-type').value }));
  new MutationObserver(() => showReview($('#evidence').dataset.event))
    .observe($('#evidence'), { attributes: true, attributeFilter: ['data-event'] });
  const onView = () => { if (window.location.hash === '#review') loadQueue(); };
  window.addEventListener('hashchange', onView);
  onView();
}

wire();
