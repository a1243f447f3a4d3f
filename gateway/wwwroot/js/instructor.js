// The instructor's page: create a session, show the join code, link and QR, and a live dashboard
// from /hubs/instructor. Only aggregates are drawn; the roster is one page at a time.
import qrcode from '../lib/qrcode.mjs';
import {
  api, ApiError, showError, clearError, wireErrorBanner, fieldError, connectHub, wireDownload,
  fmt, el, chartDefaults, palette,
} from './common.js';

const storageKey = 'ds.instructor';
const rosterPageSize = 25;
/** At most one roster reload per this many ms, however fast dashboards arrive. */
const rosterRefreshMs = 2000;

let catalog;
let session; // { code, key, title }
let hub;
let lastSequence = 0;
let rosterPage = 1;
let rosterTotal = 0;
let rosterTimer = null;
let rosterLoadedAt = 0;
const histograms = {};
const outcomes = {};

const $ = (id) => document.getElementById(id);
const keyHeaders = () => ({ 'X-Instructor-Key': session.key });
const sessionApi = (path, options = {}) => api(`/api/sessions/${encodeURIComponent(session.code)}${path}`, { ...options, headers: keyHeaders() });

async function main() {
  wireErrorBanner();
  chartDefaults();
  try {
    catalog = await api('/api/catalog');
  } catch (error) {
    showError(error);
  }
  $('create-form').addEventListener('submit', create);
  $('resume-form').addEventListener('submit', resume);
  $('key-hide').addEventListener('click', () => { $('key-box').hidden = true; });
  $('roster-prev').addEventListener('click', () => loadRoster(rosterPage - 1));
  $('roster-next').addEventListener('click', () => loadRoster(rosterPage + 1));
  $('end-session').addEventListener('click', () => { $('end-confirm').hidden = false; $('end-confirm-no').focus(); });
  $('end-confirm-no').addEventListener('click', () => { $('end-confirm').hidden = true; $('end-session').focus(); });
  $('end-confirm-yes').addEventListener('click', endSession);
  wireDownload($('export-csv'), () => `/api/sessions/${session.code}/export?format=csv`, keyHeaders, () => `session-${session.code}.csv`);
  wireDownload($('export-json'), () => `/api/sessions/${session.code}/export?format=json`, keyHeaders, () => `session-${session.code}.json`);
  buildCharts();
  const saved = JSON.parse(sessionStorage.getItem(storageKey) || 'null');
  if (saved) {
    session = saved;
    try {
      await sessionApi('/dashboard'); // the saved key still opens this session
      await openDashboard(false);
      return;
    } catch (error) {
      sessionStorage.removeItem(storageKey);
      session = null;
      showError(error);
    }
    $('create-title').focus();
  } else {
    $('create-title').focus();
  }
}

async function create(event) {
  event.preventDefault();
  clearError();
  const title = $('create-title').value.trim();
  const max = catalog?.limits?.maxTitleLength ?? 120;
  if (!title || title.length > max) {
    fieldError('create-title', title ? `At most ${max} characters.` : 'Give the session a title your students will recognise.');
    return;
  }
  fieldError('create-title', '');
  $('create-submit').disabled = true;
  try {
    const created = await api('/api/sessions/', { method: 'POST', body: { title } });
    session = { code: created.code, key: created.instructorKey, title: created.title };
    sessionStorage.setItem(storageKey, JSON.stringify(session));
    await openDashboard(true);
  } catch (error) {
    fieldError('create-title', error.message);
    showError(error);
  } finally {
    $('create-submit').disabled = false;
  }
}

async function resume(event) {
  event.preventDefault();
  clearError();
  const code = $('resume-code').value.trim().toUpperCase();
  const key = $('resume-key').value.trim();
  fieldError('resume-code', code ? '' : 'Enter the session code.');
  fieldError('resume-key', key ? '' : 'Enter the instructor key you saved.');
  if (!code || !key) return;
  session = { code, key, title: '' };
  try {
    await sessionApi('/dashboard');
  } catch (error) {
    fieldError(error instanceof ApiError && error.status === 404 ? 'resume-code' : 'resume-key', error.message);
    showError(error);
    session = null;
    return;
  }
  sessionStorage.setItem(storageKey, JSON.stringify(session));
  await openDashboard(false);
}

async function openDashboard(showKey) {
  $('create').hidden = true;
  $('dashboard').hidden = false;
  const link = `${location.origin}/?code=${encodeURIComponent(session.code)}`;
  $('session-code').textContent = session.code;
  $('session-link').href = link;
  $('session-link').textContent = link;
  $('session-title-bar').textContent = session.title;
  drawQr($('session-qr'), link);
  if (showKey) {
    $('instructor-key').textContent = session.key;
    $('key-box').hidden = false;
  }
  hub = connectHub(`/hubs/instructor?code=${encodeURIComponent(session.code)}&key=${encodeURIComponent(session.key)}`, {}, resync);
  hub.connection.on('Dashboard', onDashboard);
  hub.connection.on('Pacing', (info) => { showEnded(info.ended); renderPacing(info.pacing); });
  await hub.start();
  await loadRoster(1);
  showEnded((await api(`/api/sessions/${encodeURIComponent(session.code)}`)).ended);
}

/** Ends the session after the inline confirmation: students are refused from now on; the dashboard stays. */
async function endSession() {
  clearError();
  $('end-confirm-yes').disabled = true;
  try {
    const info = await sessionApi('/end', { method: 'POST' });
    showEnded(info.ended);
    renderPacing(info.pacing);
  } catch (error) {
    showError(error);
  } finally {
    $('end-confirm-yes').disabled = false;
  }
}

function showEnded(ended) {
  session.ended = Boolean(ended);
  $('session-ended').hidden = !session.ended;
  $('end-session').hidden = session.ended;
  if (session.ended) $('end-confirm').hidden = true;
}

/** The QR code as SVG built node by node (no markup parsed), one path for all dark modules. */
function drawQr(container, text) {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const count = qr.getModuleCount();
  const margin = 2;
  const size = count + margin * 2;
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${size} ${size}`);
  svg.setAttribute('shape-rendering', 'crispEdges');
  svg.setAttribute('aria-hidden', 'true');
  const background = document.createElementNS(ns, 'rect');
  background.setAttribute('width', String(size));
  background.setAttribute('height', String(size));
  background.setAttribute('fill', '#fff');
  let d = '';
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.isDark(row, col)) d += `M${col + margin} ${row + margin}h1v1h-1z`;
    }
  }
  const path = document.createElementNS(ns, 'path');
  path.setAttribute('d', d);
  path.setAttribute('fill', '#000');
  svg.append(background, path);
  container.replaceChildren(svg);
}

// ---------- Dashboard ----------

let resyncing = null;
function resync() {
  resyncing ??= (async () => {
    try {
      const snapshot = await hub.connection.invoke('GetDashboard');
      lastSequence = 0;
      render(snapshot);
      await loadRoster(rosterPage);
    } catch (error) {
      showError(error);
    } finally {
      resyncing = null;
    }
  })();
  return resyncing;
}

function onDashboard(snapshot) {
  if (snapshot.sequence <= lastSequence) return; // older than what is shown
  const gap = lastSequence !== 0 && snapshot.sequence > lastSequence + 1;
  render(snapshot);
  if (gap) {
    resync(); // a missed snapshot carries nothing the next full one lacks, but resync to be sure
  }
  scheduleRoster();
}

function render(snapshot) {
  lastSequence = Math.max(lastSequence, snapshot.sequence);
  $('dashboard-sequence').textContent = String(snapshot.sequence);
  $('dashboard-at').textContent = fmt.time(snapshot.at);
  if (snapshot.title) {
    session.title = snapshot.title;
    $('session-title-bar').textContent = snapshot.title;
  }
  $('joined-count').textContent = String(snapshot.joined);
  $('stuck-count').textContent = String(snapshot.stuckCount);
  $('runs-count').textContent = String(snapshot.progress.reduce((sum, p) => sum + p.runs, 0));
  renderPacing(snapshot.pacing, snapshot.progress);
  for (const histogram of snapshot.predictions) renderHistogram(histogram);
  for (const outcome of snapshot.outcomes) renderOutcomes(outcome);
  renderTracks(snapshot.tracks);
  renderStuck(snapshot.stuck, snapshot.stuckCount);
}

let lastProgress = [];
function renderPacing(pacing, progress = lastProgress) {
  lastProgress = progress;
  const body = $('pacing-table').querySelector('tbody');
  body.replaceChildren();
  for (const pace of pacing) {
    const counts = progress.find((p) => p.part === pace.part) ?? { locked: 0, working: 0, reflected: 0, runs: 0 };
    const row = document.createElement('tr');
    const title = catalog?.parts?.[pace.part - 1]?.title ?? '';
    const name = el('th', `${pace.part}. ${title}`);
    name.scope = 'row';
    const state = el('td');
    state.append(el('span', pace.open ? 'Open' : 'Closed', `tag ${pace.open ? 'open' : 'closed'}`));
    if (pace.revealed) state.append(' ', el('span', 'Revealed', 'tag revealed'));
    const controls = el('td');
    const buttons = el('div', null, 'pace-buttons');
    for (const [action, label, disabled] of [['open', 'Open', pace.open], ['close', 'Close', !pace.open], ['reveal', 'Reveal', pace.revealed]]) {
      const button = el('button', label, action === 'close' ? 'danger' : '');
      button.type = 'button';
      button.dataset.action = action;
      button.dataset.part = String(pace.part);
      button.disabled = disabled || Boolean(session?.ended);
      button.setAttribute('aria-label', `${label} part ${pace.part}`);
      button.addEventListener('click', () => pace_(pace.part, action, button));
      buttons.append(button);
    }
    controls.append(buttons);
    row.append(name, state, el('td', String(counts.locked)), el('td', String(counts.working)), el('td', String(counts.reflected)), el('td', String(counts.runs)), controls);
    body.append(row);
  }
}

async function pace_(part, action, button) {
  clearError();
  button.disabled = true;
  try {
    const info = await sessionApi(`/parts/${part}/${action}`, { method: 'POST' });
    renderPacing(info.pacing);
    const focusTarget = document.querySelector(`button[data-action="${action}"][data-part="${part}"]`);
    (focusTarget?.disabled ? document.querySelector(`button[data-part="${part}"]:not(:disabled)`) : focusTarget)?.focus();
  } catch (error) {
    button.disabled = false;
    showError(error);
  }
}

// ---------- Charts ----------

function barChart(canvas, label) {
  return new globalThis.Chart(canvas, {
    type: 'bar',
    data: { labels: [], datasets: [{ label, data: [], backgroundColor: [], borderColor: palette.black, borderWidth: 0 }] },
    options: {
      plugins: { legend: { display: false } },
      scales: { y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Students' } } },
    },
  });
}

function buildCharts() {
  for (const n of [1, 2, 3]) {
    histograms[n] = barChart($(`histogram-${n}`), 'Predictions');
    outcomes[n] = barChart($(`outcomes-${n}`), 'Students');
  }
}

/** The class's predictions, with the bar holding the measured outcome drawn in a second colour and named below. */
function renderHistogram(histogram) {
  const chart = histograms[histogram.part];
  if (!chart) return;
  const measured = histogram.measured || [];
  const hits = new Set();
  for (const m of measured) {
    const index = histogram.buckets.findIndex((b, i) => (m.choice != null ? b.label === m.choice : inBucket(b.label, m.value, i === histogram.buckets.length - 1)));
    if (index >= 0) hits.add(index);
  }
  const dataset = chart.data.datasets[0];
  chart.data.labels = histogram.buckets.map((b) => b.label);
  dataset.data = histogram.buckets.map((b) => b.count);
  dataset.backgroundColor = histogram.buckets.map((_, i) => (hits.has(i) ? palette.vermillion : palette.sky));
  dataset.borderWidth = histogram.buckets.map((_, i) => (hits.has(i) ? 3 : 0));
  chart.update('none');
  const canvas = chart.canvas;
  canvas.dataset.points = String(histogram.buckets.reduce((sum, b) => sum + b.count, 0));
  const values = measured.map((m) => (m.value != null ? fmt.number(m.value) : m.choice));
  if (values.length > 0) canvas.dataset.measured = values.join(',');
  else delete canvas.dataset.measured;
  const note = $(`measured-${histogram.part}`);
  note.replaceChildren();
  if (measured.length === 0) {
    note.textContent = 'Measured outcome: appears once a student on a track has run the simulation.';
    return;
  }
  const summary = el('p', null, 'measured-summary');
  const swatch = el('span', null, 'swatch');
  swatch.setAttribute('aria-hidden', 'true');
  summary.append(swatch, el('strong', 'Measured: '),
    measured.map((m) => `${trackName(m.track)} ${m.value != null ? `${fmt.number(m.value)} %` : m.choice}`).join(' · '));
  const details = el('details');
  details.append(el('summary', 'How it was measured'));
  for (const m of measured) {
    details.append(el('p', `${trackName(m.track)}: ${m.explanation}`));
  }
  note.append(summary, details);
}

/** Whether a value falls in a bucket labelled "a–b" (upper bound included only for the last bucket). */
function inBucket(label, value, last) {
  const match = /^(-?[\d.]+)\s*[–-]\s*(-?[\d.]+)/.exec(label);
  if (!match || value == null) return false;
  const low = Number(match[1]);
  const high = Number(match[2]);
  return value >= low && (value < high || (last && value <= high));
}

function renderOutcomes(outcome) {
  const chart = outcomes[outcome.part];
  if (!chart) return;
  chart.data.labels = outcome.buckets.map((b) => b.label);
  chart.data.datasets[0].data = outcome.buckets.map((b) => b.count);
  chart.data.datasets[0].backgroundColor = palette.green;
  chart.data.datasets[0].label = outcome.measure;
  chart.update('none');
  chart.canvas.dataset.points = String(outcome.count);
  const caption = $(`outcome-caption-${outcome.part}`);
  caption.replaceChildren(el('strong', `Part ${outcome.part}`), ` — ${outcome.measure}: ${outcome.count} student${outcome.count === 1 ? '' : 's'}${outcome.mean != null ? `, mean ${fmt.number(outcome.mean)}` : ''}`);
}

function renderTracks(tracks) {
  const body = $('tracks-table').querySelector('tbody');
  body.replaceChildren();
  for (const track of tracks) {
    const row = document.createElement('tr');
    const name = el('th', catalog?.tracks?.find((t) => t.id === track.track)?.name ?? track.track);
    name.scope = 'row';
    row.append(name, el('td', String(track.students)));
    for (const n of [1, 2, 3]) {
      const p = track.progress.find((x) => x.part === n);
      row.append(el('td', p ? `${p.locked} / ${p.reflected}` : '—'));
    }
    row.append(el('td', String(track.progress.reduce((sum, p) => sum + p.runs, 0))));
    body.append(row);
  }
}

function renderStuck(stuck, count) {
  const list = $('stuck-list');
  list.replaceChildren();
  if (count === 0) {
    list.append(el('li', 'Nobody is stuck right now.'));
    return;
  }
  for (const entry of stuck) {
    list.append(el('li', `${entry.name} — ${trackName(entry.track)}, last progress ${fmt.time(entry.lastProgressAt)}`));
  }
  if (count > stuck.length) list.append(el('li', `… and ${count - stuck.length} more`));
}

const trackName = (id) => catalog?.tracks?.find((t) => t.id === id)?.name ?? id;

// ---------- Roster: one page at a time ----------

function scheduleRoster() {
  if (rosterTimer) return;
  const wait = Math.max(0, rosterRefreshMs - (Date.now() - rosterLoadedAt));
  rosterTimer = setTimeout(() => {
    rosterTimer = null;
    loadRoster(rosterPage);
  }, wait);
}

async function loadRoster(page) {
  const lastPage = Math.max(1, Math.ceil(rosterTotal / rosterPageSize));
  const wanted = Math.max(1, Math.min(page, rosterTotal ? lastPage : page));
  try {
    const roster = await sessionApi(`/roster?page=${wanted}&pageSize=${rosterPageSize}`);
    rosterLoadedAt = Date.now();
    rosterTotal = roster.total;
    rosterPage = roster.page;
    const body = $('roster').querySelector('tbody');
    body.replaceChildren();
    for (const entry of roster.entries) {
      const row = document.createElement('tr');
      const name = el('th', entry.name);
      name.scope = 'row';
      row.append(name, el('td', trackName(entry.track)));
      for (const status of entry.partStatuses) row.append(el('td', status, `status-${status}`));
      row.append(el('td', String(entry.runs)), el('td', fmt.time(entry.lastProgressAt)));
      body.append(row);
    }
    $('roster-empty').hidden = roster.total > 0;
    const pages = Math.max(1, Math.ceil(roster.total / rosterPageSize));
    $('roster-page').textContent = `Page ${roster.page} of ${pages} · ${roster.total} students`;
    $('roster-prev').disabled = roster.page <= 1;
    $('roster-next').disabled = roster.page >= pages;
  } catch (error) {
    showError(error);
  }
}

main();
