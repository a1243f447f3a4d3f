// The student's lab: join, then per part Lock → Workbench → Reflect, live over /hubs/lab, and the Ledger.
import {
  api, ApiError, showError, clearError, wireErrorBanner, fieldError, connectHub, wireDownload,
  wireMathPeek, renderMath, debounce, fmt, el, chartDefaults,
} from './common.js';
import { IcrChart, SCurveChart, RoiChart, MixChart } from './charts.js';

const storageKey = 'ds.student';
const statusText = {
  open: 'Open — lock your prediction',
  locked: 'Locked — run the workbench',
  working: 'Working',
  reflected: 'Reflected',
  closed: 'Closed by the instructor',
};
/** Parts whose sliders run the simulation by themselves; Part 2 counts runs, so it runs only on request. */
const autoRunParts = new Set([1, 3]);

let catalog;
let session; // { token, code }
let state; // MeResponse
let lastSequence = 0;
let hub;
const charts = {};
const activeRun = { 1: null, 2: null, 3: null };
const running = { 1: 0, 2: 0, 3: 0 };
const queued = { 1: false, 2: false, 3: false };
/** Results pushed by run-result events, by run id, until their run's answer takes them (over the hub the answer leaves the result to the push). */
const pushedResults = new Map();
/** Runs whose answer came before their run-result event (the push is one-way, so it may arrive second). */
const resultWaiters = new Map();
const results = { 1: null, 2: null, 3: null };

const $ = (id) => document.getElementById(id);
const partSection = (n) => $(`part-${n}`);
const authHeaders = () => ({ Authorization: `Bearer ${session.token}` });
const me = (path, options = {}) => api(`/api/me${path}`, { ...options, headers: authHeaders() });

async function main() {
  wireErrorBanner();
  chartDefaults();
  try {
    catalog = await api('/api/catalog');
  } catch (error) {
    showError(error);
    return;
  }
  buildJoin();
  buildParts();
  const params = new URLSearchParams(location.search);
  const linkCode = (params.get('code') || '').trim().toUpperCase();
  const saved = JSON.parse(sessionStorage.getItem(storageKey) || 'null');
  if (saved && (!linkCode || linkCode === saved.code)) {
    session = saved;
    try {
      await enterLab();
      return;
    } catch (error) {
      sessionStorage.removeItem(storageKey);
      session = null;
      if (!(error instanceof ApiError && error.status === 401)) {
        showError(error);
      }
    }
  }
  $('join-code').value = linkCode;
  $(linkCode ? 'join-name' : 'join-code').focus();
}

// ---------- Join ----------

function buildJoin() {
  const list = $('track-list');
  for (const track of catalog.tracks) {
    const label = el('label', null, 'track-card');
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = 'track';
    input.value = track.id;
    input.required = true;
    const body = el('span', null, 'track-body');
    body.append(
      el('span', track.name, 'track-name'),
      el('span', track.persona, 'track-persona'),
      el('span', track.northStar, 'track-star'),
      el('span', track.crisis, 'track-crisis'));
    label.append(input, body);
    list.append(label);
  }
  $('join-form').addEventListener('submit', join);
}

async function join(event) {
  event.preventDefault();
  clearError();
  const code = $('join-code').value.trim().toUpperCase();
  const name = $('join-name').value.trim();
  const track = document.querySelector('input[name="track"]:checked')?.value;
  fieldError('join-code', code ? '' : 'Enter the session code your instructor shows.');
  fieldError('join-name', name ? (name.length > catalog.limits.maxNameLength ? `At most ${catalog.limits.maxNameLength} characters.` : '') : 'Enter a display name.');
  fieldError('join-track', track ? '' : 'Choose one of the four tracks.');
  if (!code || !name || !track || name.length > catalog.limits.maxNameLength) {
    return;
  }
  const button = $('join-submit');
  button.disabled = true;
  try {
    const joined = await api(`/api/sessions/${encodeURIComponent(code)}/students`, { method: 'POST', body: { name, track } });
    session = { token: joined.token, code: joined.sessionCode };
    sessionStorage.setItem(storageKey, JSON.stringify(session));
    await enterLab();
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      fieldError('join-code', error.message);
    } else if (error instanceof ApiError && error.status === 400) {
      fieldError(/track/i.test(error.message) ? 'join-track' : 'join-name', error.message);
    }
    showError(error);
  } finally {
    button.disabled = false;
  }
}

async function enterLab() {
  state = await me('/');
  lastSequence = state.sequence;
  $('join').hidden = true;
  $('lab').hidden = false;
  const track = catalog.tracks.find((t) => t.id === state.track);
  $('student-name').textContent = state.name;
  $('student-track').textContent = track?.name ?? state.track;
  $('student-session').textContent = state.sessionCode;
  $('student-badge').hidden = false;
  $('mission-track').textContent = track?.name ?? state.track;
  $('mission-persona').textContent = track?.persona ?? '';
  $('mission-north-star').textContent = track?.northStar ?? '';
  $('mission-crisis').textContent = track?.crisis ?? '';
  for (const part of catalog.parts) {
    partSection(part.number).querySelector('.part-story').textContent = track?.partStories?.[part.number - 1] ?? '';
    applyDefaults(part.number, track);
  }
  render();
  await refreshLedger();
  if (!hub) {
    hub = connectHub('/hubs/lab', { accessTokenFactory: () => session.token }, resync);
    hub.connection.on('StudentEvent', onStudentEvent);
    hub.connection.on('Pacing', onPacing);
    hub.connection.on('SessionEnded', () => {
      // The server closes the connection right after: stop reconnecting and say why.
      hub.stop();
      showError(new Error('The instructor has ended this session: nothing more can be locked, run or written here. Your work is kept in the instructor\'s export.'));
    });
    hub.start();
  }
}

// ---------- Parts: built from the catalog ----------

function buildParts() {
  for (const part of catalog.parts) {
    const section = partSection(part.number);
    section.querySelector('.part-title').textContent = part.title;
    section.querySelector('.part-objective').textContent = part.objective;
    section.querySelector('.lock-question').textContent = part.lockQuestion;
    section.querySelector('.reflect-prompt').textContent = part.reflectionPrompt;
    $(`reflect-${part.number}`).maxLength = catalog.limits.maxReflectionLength;
    if (part.prediction.kind === 'choice') {
      const choices = section.querySelector(`[data-lock-choices="${part.number}"]`);
      for (const choice of part.prediction.choices) {
        const label = el('label', null, 'choice');
        const input = document.createElement('input');
        input.type = 'radio';
        input.name = `lock-${part.number}`;
        input.value = choice;
        label.append(input, document.createTextNode(` ${choice}`));
        choices.append(label);
      }
    }
    for (const spec of part.parameters) {
      section.querySelector(`.params[data-advanced="${spec.advanced}"]`).append(buildParameter(part.number, spec));
    }
    section.querySelector('.lock-form').addEventListener('submit', (event) => lock(event, part));
    section.querySelector('.reflect-form').addEventListener('submit', (event) => reflect(event, part.number));
    $(`run-${part.number}`).addEventListener('click', () => run(part.number));
    section.querySelectorAll('.chart-card').forEach(wireMathPeek);
  }
  charts.icr = new IcrChart($('chart-icr'));
  charts.scurve = new SCurveChart($('chart-scurve'));
  charts.roi = new RoiChart($('chart-roi'));
  charts.mix = new MixChart($('chart-mix'));
  peekDefaults();
  document.querySelectorAll('input[name="show-2"]').forEach((input) =>
    input.addEventListener('change', () => charts.roi.setVisible(input.value)));
  $('knee-form').addEventListener('submit', submitKnee);
  wireDownload($('ledger-md'), () => '/api/me/ledger.md', authHeaders, () => `ledger-${state.sessionCode}-${state.name}.md`);
  wireDownload($('ledger-json'), () => '/api/me/ledger', authHeaders, () => `ledger-${state.sessionCode}-${state.name}.json`);
}

function buildParameter(part, spec) {
  const id = `param-${part}-${spec.name}`;
  const field = el('div', null, 'field param');
  const label = el('label', spec.label);
  label.htmlFor = id;
  const help = el('p', spec.description, 'hint');
  help.id = `${id}-help`;
  let input;
  if (spec.kind === 'choice') {
    input = document.createElement('select');
    for (const choice of spec.choices) {
      const option = el('option', choice);
      option.value = choice;
      input.append(option);
    }
    field.append(label, input);
  } else {
    input = document.createElement('input');
    input.type = 'range';
    input.min = spec.minimum;
    input.max = spec.maximum;
    input.step = spec.step ?? (spec.kind === 'integer' ? 1 : 0.01);
    const output = el('output', '', 'param-value');
    output.htmlFor = id;
    output.id = `${id}-value`;
    const row = el('div', null, 'range-row');
    row.append(input, output);
    field.append(label, row);
    input.addEventListener('input', () => { output.textContent = formatParameter(spec, Number(input.value)); });
  }
  input.id = id;
  input.name = spec.name;
  input.dataset.kind = spec.kind;
  input.setAttribute('aria-describedby', help.id);
  field.append(help);
  if (autoRunParts.has(part)) {
    const later = debounce(() => run(part), 250);
    input.addEventListener(spec.kind === 'choice' ? 'change' : 'input', later);
  }
  return field;
}

function formatParameter(spec, value) {
  if (spec.name === 'mix') return `${Math.round(value * 100)} % synthetic`;
  if (spec.kind === 'integer') return String(value);
  return value.toFixed(2);
}

function setParameter(part, name, value) {
  const input = $(`param-${part}-${name}`);
  if (!input || value == null) return;
  input.value = value;
  input.dispatchEvent(new Event('input-silent'));
  const output = $(`param-${part}-${name}-value`);
  const spec = catalog.parts[part - 1].parameters.find((p) => p.name === name);
  if (output) output.textContent = formatParameter(spec, Number(value));
}

function applyDefaults(part, track) {
  const defaults = track?.defaults?.[String(part)] || {};
  for (const spec of catalog.parts[part - 1].parameters) {
    setParameter(part, spec.name, defaults[spec.name]);
  }
}

function readParameters(part) {
  const parameters = {};
  for (const spec of catalog.parts[part - 1].parameters) {
    const input = $(`param-${part}-${spec.name}`);
    parameters[spec.name] = spec.kind === 'choice' ? input.value : Number(input.value);
  }
  return parameters;
}

// ---------- Rendering the server's state ----------

function render() {
  for (const part of state.parts) {
    renderPart(part);
  }
  renderIndexingComparison();
}

function renderPart(part) {
  const n = part.part;
  const section = partSection(n);
  section.dataset.status = part.status;
  section.querySelector('.status-pill').textContent = statusText[part.status] ?? part.status;
  const closed = part.status === 'closed';

  // Lock
  const lockForm = section.querySelector('.lock-form');
  const locked = part.lock != null;
  lockForm.querySelectorAll('input, button').forEach((c) => { c.disabled = locked || closed; });
  const lockStatus = $(`lock-${n}-status`);
  if (locked) {
    const prediction = describePrediction(n, part.lock.prediction);
    lockStatus.textContent = `Locked at ${fmt.time(part.lock.at)}: ${prediction}`;
    if (n === 1) $('lock-1-value').value = part.lock.prediction.value;
    else {
      const radio = lockForm.querySelector(`input[value="${part.lock.prediction.choice}"]`);
      if (radio) radio.checked = true;
    }
  } else {
    lockStatus.textContent = closed ? 'This part is closed.' : '';
  }

  // Workbench: visibly closed until the lock exists
  const workbench = $(`workbench-${n}`);
  const usable = locked && !closed;
  workbench.setAttribute('aria-disabled', String(!usable));
  workbench.querySelector('.controls').disabled = !usable;
  const runCount = $(`run-count-${n}`);
  runCount.textContent = part.countedRunsLeft != null
    ? `${part.countedRunsLeft} of ${catalog.parts[n - 1].countedRuns ?? 10} runs left · ${part.runs} run${part.runs === 1 ? '' : 's'} so far`
    : `${part.runs} run${part.runs === 1 ? '' : 's'}`;
  $(`run-${n}`).disabled = running[n] > 0 || part.countedRunsLeft === 0;
  if (part.latestRun && part.latestRun.settings && running[n] === 0) {
    for (const [name, value] of Object.entries(part.latestRun.settings)) {
      if (name !== 'part') setParameter(n, name, value);
    }
  }
  if (part.latestResult && running[n] === 0 && activeRunId(n) !== part.latestRun?.runId) {
    showResult(n, part.latestResult, part.latestRun?.runId);
  }

  // Knee (Part 2)
  if (n === 2) {
    const knee = part.knee;
    $('knee-value').disabled = !usable || knee != null;
    $('knee-submit').disabled = !usable || knee != null || part.runs === 0;
    $('knee-score').textContent = knee
      ? `Score ${fmt.number(knee.score)} / 100 — you said ${knee.value} labels, measured knee ${knee.measuredKnee}. ${knee.explanation}`
      : (part.runs === 0 ? 'Run the workbench first, then place the knee.' : '');
    if (knee) $('knee-value').value = knee.value;
  }

  // Outcome: prediction next to the measurement once revealed or reflected
  renderOutcome(n, part);

  // Reflect
  const reflectForm = section.querySelector('.reflect-form');
  const reflected = part.reflection != null;
  reflectForm.querySelectorAll('textarea, button').forEach((c) => { c.disabled = reflected || !locked || closed; });
  if (reflected) {
    $(`reflect-${n}`).value = part.reflection.text;
    $(`reflect-${n}-status`).textContent = `Saved at ${fmt.time(part.reflection.at)}.`;
  } else {
    $(`reflect-${n}-status`).textContent = locked ? '' : 'Lock your prediction before you reflect.';
  }
}

function describePrediction(n, prediction) {
  return n === 1 ? `${fmt.number(prediction.value)} % fewer FLOPs` : `“${prediction.choice}”`;
}

function renderOutcome(n, part) {
  const box = $(`outcome-${n}`);
  box.replaceChildren();
  if (part.score) {
    const measured = part.score.measured;
    box.append(el('h4', 'Your prediction vs the measured outcome'));
    const grid = el('div', null, 'outcome-grid');
    const mine = el('div', null, 'outcome-cell');
    mine.append(el('span', 'You predicted', 'k'), el('span', describePrediction(n, part.score.prediction), 'v'));
    const real = el('div', null, 'outcome-cell measured');
    real.append(el('span', 'Measured', 'k'), el('span', measured.value != null ? `${fmt.number(measured.value)} % fewer FLOPs` : `“${measured.choice}”`, 'v'));
    const score = el('div', null, 'outcome-cell');
    score.append(el('span', 'Score', 'k'), el('span', `${fmt.number(part.score.score)} / 100`, 'v'));
    grid.append(mine, real, score);
    box.append(grid, el('p', measured.explanation, 'hint'));
    box.hidden = false;
  } else if (part.revealed) {
    box.append(el('p', part.lock ? 'Revealed: your comparison appears here shortly.' : 'The instructor revealed this part; you did not lock a prediction.'));
    box.hidden = false;
  } else {
    box.hidden = true;
  }
}

function renderIndexingComparison() {
  const body = document.querySelector('#indexing-compare .compare-body');
  body.replaceChildren();
  const part1 = results[1];
  const part2 = results[2];
  if (!part1) {
    body.append(el('p', 'Run the Part 1 audit first: its measured MinHash throughput prices the indexing.', 'hint'));
    return;
  }
  const indexing = part1.indexing;
  const perByte = indexing.dollars / indexing.bytes;
  const petabyteDollars = perByte * 1e15;
  const petabyteCoreHours = (indexing.coreHours / indexing.bytes) * 1e15;
  const gpuSavings = part1.icr?.savings?.dollars ?? 0;
  const rows = [
    ['CPU cost of indexing 1 PB (MinHash, measured throughput)', petabyteDollars, palette('vermillion'),
      `${fmt.number(petabyteCoreHours)} core-hours at ${fmt.number(indexing.bytesPerCoreSecond / 1e6)} MB/s per core`],
    ['GPU savings from training on the deduplicated data', gpuSavings, palette('blue'),
      `${fmt.number(part1.icr?.savings?.gpuHours)} GPU-hours not spent`],
  ];
  if (part2?.knee) {
    const kneeRound = part2.knee.rounds?.find((r) => r.labels === part2.knee.labels);
    rows.push(['Active learner compute up to the knee (Part 2)', kneeRound?.computeSpendUsd ?? 0, palette('orange'),
      `net labeling savings at the knee ${fmt.money(part2.knee.netSavingsUsd)}`]);
  }
  const max = Math.max(...rows.map((r) => r[1]), 1);
  const list = el('dl', null, 'compare-bars');
  for (const [label, value, color, note] of rows) {
    const row = el('div', null, 'compare-row');
    const bar = el('span', null, 'bar');
    bar.style.width = `${Math.max(1, (value / max) * 100)}%`;
    bar.style.background = color;
    const dd = el('dd');
    dd.append(bar, el('span', `${fmt.money(value)} — ${note}`, 'bar-label'));
    row.append(el('dt', label), dd);
    list.append(row);
  }
  const verdict = petabyteDollars < gpuSavings
    ? `Indexing costs ${fmt.money(petabyteDollars)}, about ${fmt.number(gpuSavings / Math.max(petabyteDollars, 1))}× less than the GPU savings: the index pays for itself.`
    : `Indexing costs ${fmt.money(petabyteDollars)}, more than the ${fmt.money(gpuSavings)} of GPU savings: the index does not pay for itself here.`;
  body.append(list, el('p', verdict, 'verdict'));
}

function palette(name) {
  return { vermillion: '#D55E00', blue: '#0072B2', orange: '#E69F00' }[name];
}

// ---------- Results and streaming ----------

function activeRunId(n) {
  return activeRun[n];
}

function showResult(n, result, runId) {
  if (!result || typeof result !== 'object') return;
  activeRun[n] = runId ?? activeRun[n];
  results[n] = result;
  if (n === 1) {
    charts.icr.setResult(result.icr);
    charts.scurve.setResult(result.dedup);
    renderMetrics(1, [
      ['FLOPs saved', fmt.percent(result.icr.savings.fraction)],
      ['GPU dollars saved', fmt.money(result.icr.savings.dollars)],
      ['Documents removed', `${result.dedup.removed} of ${result.dedup.documents} (${fmt.percent(result.dedup.removedFraction)})`],
      ['Precision of removals', fmt.percent(result.quality.precision)],
      ['Recall of planted copies', fmt.percent(result.quality.recall)],
      ['ICR gain', `× ${fmt.number(result.icr.measuredIcrGain)}`],
    ]);
    peekPart1(result);
  } else if (n === 2) {
    charts.roi.setResult(result);
    charts.roi.setVisible(charts.roi.show);
    renderMetrics(2, [
      ['Active labels to 90 %', result.activeLabelsToTarget ?? 'not reached'],
      ['Random labels to 90 %', result.randomLabelsToTarget ?? 'not reached'],
      ['Labels saved', result.labelsSavedAtTarget ?? '—'],
      ['Dollars saved at target', fmt.money(result.dollarsSavedAtTarget)],
      ['Learner cost per round', fmt.money(result.learnerCostPerRoundUsd)],
    ]);
    if (!$('knee-value').value && !$('knee-value').disabled) $('knee-value').placeholder = 'labels, e.g. 300';
    peekPart2(result);
  } else {
    charts.mix.setResult(result);
    const run = result.run;
    renderMetrics(3, [
      ['Accuracy on real data', `${fmt.percent(run.accuracy)} (target ${fmt.percent(result.accuracyTarget)})`, run.meetsAccuracyTarget],
      ['Rain safety', `${fmt.percent(run.safetyAccuracy)} (target ${fmt.percent(result.safetyTarget)})`, run.meetsSafetyTarget],
      ['FID domain gap', `${fmt.number(run.trainingFid)} (threshold ${fmt.number(result.fidThreshold)})`, run.meetsFidThreshold],
      ['Stakeholder challenge', run.stakeholderChallengeMet ? 'Met — the Safety Lead signs off' : 'Not met', run.stakeholderChallengeMet],
    ]);
    peekPart3(result);
  }
  renderIndexingComparison();
}

function renderMetrics(n, rows) {
  const box = $(`metrics-${n}`);
  box.replaceChildren();
  for (const [label, value, ok] of rows) {
    const cell = el('div', null, `metric${ok === true ? ' ok' : ok === false ? ' bad' : ''}`);
    const mark = ok === true ? '✓ ' : ok === false ? '✗ ' : '';
    cell.append(el('span', label, 'k'), el('span', `${mark}${value}`, 'v'));
    box.append(cell);
  }
}

function onStudentEvent(message) {
  if (message.kind === 'run-result') resultPushed(message.runId, message.data);
  if (message.sequence <= lastSequence) {
    return; // already seen (or already covered by a resync)
  }
  const gap = message.sequence > lastSequence + 1;
  lastSequence = message.sequence;
  if (gap) {
    resync();
    return;
  }
  const n = message.part;
  if (message.kind === 'run-progress') {
    if (activeRun[n] !== message.runId) {
      activeRun[n] = message.runId;
      if (n === 1) charts.icr.reset();
      if (n === 2) charts.roi.reset();
      if (n === 3) charts.mix.reset();
    }
    setProgress(n, message.fraction, message.stage);
    const data = message.data;
    if (data && typeof data === 'object') {
      if (n === 1 && (data.raw || data.deduplicated)) charts.icr.addCheckpoint(data);
      if (n === 2 && data.accuracy != null) charts.roi.addRound(data);
      if (n === 3 && data.mixRatio != null) charts.mix.addPoint(data, message.stage === 'mix');
    }
  } else if (message.kind === 'run-result') {
    setProgress(n, 1, 'done');
    showResult(n, message.data, message.runId);
  } else if (message.kind === 'run-failed') {
    setProgress(n, 0, 'failed');
    showError(`Part ${n} run failed: ${message.stage}`);
  } else {
    resync();
  }
}

function setProgress(n, fraction, stage) {
  const bar = $(`progress-${n}`);
  bar.value = Math.max(0, Math.min(1, fraction ?? 0));
  bar.closest('.run-row').querySelector('.run-stage').textContent = stage === 'done' ? 'Done' : `${stage ?? ''} ${Math.round(bar.value * 100)} %`;
}

/**
 * Runs a part's workbench with the controls' current values. One run per part is in flight at a
 * time; slider moves meanwhile collapse into one follow-up run with the latest values, so a
 * dragged slider never piles up requests and the page stays responsive.
 */
async function run(n) {
  const part = state?.parts?.[n - 1];
  if (!part || part.lock == null) return;
  if (running[n] > 0) {
    queued[n] = true;
    return;
  }
  clearError();
  const parameters = readParameters(n);
  running[n] += 1;
  $(`workbench-${n}`).setAttribute('aria-busy', 'true');
  $(`run-${n}`).disabled = true;
  setProgress(n, 0, 'starting');
  try {
    const response = hub?.connected
      ? await hub.connection.invoke('Run', n, parameters)
      : await me(`/parts/${n}/runs`, { method: 'POST', body: { parameters } });
    // Over the hub the result comes as the run's run-result event (which draws it), not in the answer.
    if (response.result != null) showResult(n, response.result, response.runId);
    const result = response.result ?? await pushedResult(response.runId);
    setProgress(n, 1, 'done');
    applyRun(n, { ...response, result });
    if (result == null) await resync(); // the event was lost (a reconnect): load the result with the state
    ledgerSoon();
  } catch (error) {
    if (!/Superseded/i.test(error.message)) {
      setProgress(n, 0, 'stopped');
      // A hub refusal reads "…invoking 'Run' on the server. HubException: Rule: detail"; keep the detail.
      showError(error.message.replace(/^.*HubException:\s*/s, ''));
    } // else: a newer run replaced this one; its own result follows
  } finally {
    running[n] -= 1;
    $(`workbench-${n}`).removeAttribute('aria-busy');
    $(`run-${n}`).disabled = n === 2 && state.parts[1].countedRunsLeft === 0;
    if (queued[n]) {
      queued[n] = false;
      // Only if the controls moved since this run started: the same settings would only repeat it.
      if (JSON.stringify(readParameters(n)) !== JSON.stringify(parameters)) run(n);
    }
  }
}

// ---------- Lock, knee, reflection ----------

async function lock(event, part) {
  event.preventDefault();
  clearError();
  const n = part.number;
  let prediction;
  if (part.prediction.kind === 'percent') {
    const raw = $('lock-1-value').value.trim();
    const value = Number(raw);
    if (raw === '' || Number.isNaN(value) || value < part.prediction.minimum || value > part.prediction.maximum) {
      fieldError('lock-1-value', `Enter a percentage between ${part.prediction.minimum} and ${part.prediction.maximum}.`);
      return;
    }
    fieldError('lock-1-value', '');
    prediction = { value };
  } else {
    const choice = document.querySelector(`input[name="lock-${n}"]:checked`)?.value;
    if (!choice) {
      fieldError(`lock-${n}`, 'Choose one answer before you lock it.');
      return;
    }
    fieldError(`lock-${n}`, '');
    prediction = { choice };
  }
  try {
    await me(`/parts/${n}/lock`, { method: 'PUT', body: { prediction } });
    await resync();
    await refreshLedger();
    $(`workbench-${n}`).scrollIntoView({ behavior: 'smooth', block: 'start' });
    if (autoRunParts.has(n) && !state.parts[n - 1].latestResult) run(n);
  } catch (error) {
    fieldError(n === 1 ? 'lock-1-value' : `lock-${n}`, error.message);
    showError(error);
  }
}

async function submitKnee(event) {
  event.preventDefault();
  clearError();
  const raw = $('knee-value').value.trim();
  const value = Number(raw);
  if (raw === '' || !Number.isInteger(value) || value < 1) {
    fieldError('knee-value', 'Enter the knee as a whole number of labels.');
    return;
  }
  fieldError('knee-value', '');
  try {
    await me('/parts/2/knee', { method: 'POST', body: { value } });
    await resync();
    await refreshLedger();
  } catch (error) {
    fieldError('knee-value', error.message);
    showError(error);
  }
}

async function reflect(event, n) {
  event.preventDefault();
  clearError();
  const text = $(`reflect-${n}`).value.trim();
  const { minReflectionLength: min, maxReflectionLength: max } = catalog.limits;
  if (text.length < min || text.length > max) {
    fieldError(`reflect-${n}`, `Write between ${min} and ${max} characters (you have ${text.length}).`);
    return;
  }
  fieldError(`reflect-${n}`, '');
  try {
    await me(`/parts/${n}/reflection`, { method: 'PUT', body: { text } });
    await resync();
    await refreshLedger();
  } catch (error) {
    fieldError(`reflect-${n}`, error.message);
    showError(error);
  }
}

// ---------- Resync and the Ledger ----------

/**
 * The instructor opened, closed or revealed a part. The student grain may answer from pacing it
 * cached a moment before the push, so resync until the state agrees with the push (a few tries).
 */
async function onPacing(info, attempt = 0) {
  await resync();
  const agrees = info.pacing.every((pace) => {
    const part = state.parts[pace.part - 1];
    return part && part.revealed === pace.revealed && (part.status === 'closed') === !pace.open;
  });
  if (!agrees && attempt < 4) {
    setTimeout(() => onPacing(info, attempt + 1), 600 * (attempt + 1));
  }
}

/**
 * A finished run updates its part from the run's own answer (count, runs left, latest result)
 * instead of reloading the whole state: at a run a second, a reload per run would be most of what
 * the server does for a student.
 */
function applyRun(n, response) {
  const part = state.parts[n - 1];
  part.runs = Math.max(part.runs, response.runNumber);
  part.countedRunsLeft = response.countedRunsLeft;
  part.latestRun = {
    runId: response.runId, runNumber: response.runNumber, at: response.at,
    settings: response.settings, summary: response.summary, fromCache: response.fromCache,
  };
  part.latestResult = response.result;
  if (part.status === 'locked') part.status = 'working';
  render();
}

function resultPushed(runId, data) {
  const waiter = resultWaiters.get(runId);
  if (waiter) {
    resultWaiters.delete(runId);
    waiter(data);
    return;
  }
  pushedResults.set(runId, data);
  if (pushedResults.size > 8) pushedResults.delete(pushedResults.keys().next().value); // other tabs' runs
}

/** A run's pushed result: at once if its event came first, else when it comes (null after 5 s: then resync). */
function pushedResult(runId) {
  if (pushedResults.has(runId)) {
    const data = pushedResults.get(runId);
    pushedResults.delete(runId);
    return Promise.resolve(data);
  }
  return new Promise((resolve) => {
    resultWaiters.set(runId, resolve);
    setTimeout(() => {
      if (resultWaiters.delete(runId)) resolve(null);
    }, 5000);
  });
}

/** The Ledger once a burst of runs (a slider drag) settles, not once per run. */
const ledgerSoon = debounce(() => refreshLedger(), 1500);

let resyncing = null;
/** Reloads the whole state from the server (after a reconnect, a sequence gap or a state event). */
function resync() {
  resyncing ??= (async () => {
    try {
      const fresh = hub?.connected ? await hub.connection.invoke('GetState') : await me('/');
      state = fresh;
      lastSequence = Math.max(lastSequence, fresh.sequence);
      render();
    } catch (error) {
      showError(error);
    } finally {
      resyncing = null;
    }
  })();
  return resyncing;
}

async function refreshLedger() {
  try {
    const ledger = await me('/ledger');
    const list = $('ledger');
    list.replaceChildren();
    for (const entry of ledger.entries) {
      const item = el('li', null, `ledger-entry kind-${entry.kind}`);
      const meta = el('span', `${fmt.time(entry.at)} · ${entry.part ? `Part ${entry.part}` : 'Session'} · ${entry.kind}`, 'ledger-meta');
      item.append(meta, el('span', entry.summary, 'ledger-summary'));
      list.append(item);
    }
  } catch (error) {
    showError(error);
  }
}

// ---------- Math Peek ----------

function peek(canvasId, lines) {
  const panel = $(canvasId).closest('.chart-card').querySelector('.math-peek');
  renderMath(panel, lines);
}

/** Before the first run: the formulas with symbols only; each run fills in the student's numbers. */
function peekDefaults() {
  peek('chart-icr', [['Information-Compute Ratio', '\\mathrm{ICR} = \\frac{\\Delta\\,\\text{learning progress}}{\\Delta\\,\\text{FLOPs}}'],
    ['Iron Law of training time', 'T = \\frac{D}{B} + \\frac{O}{R_{\\text{peak}}\\,\\eta} + L']]);
  peek('chart-scurve', [['MinHash collision probability', 'P[h_{\\min}(A) = h_{\\min}(B)] = J(A,B)'],
    ['LSH banding', 'P[\\text{candidate}] = 1-(1-s^{r})^{b}']]);
  peek('chart-roi', [['Data Quality Multiplier', 'N_{\\text{clean}} \\propto \\frac{1}{\\epsilon} \\quad\\text{vs}\\quad N_{\\text{noisy}} \\propto \\frac{1}{\\epsilon^{2}}']]);
  peek('chart-mix', [['Data Quality Multiplier', 'N_{\\text{clean}} \\propto \\frac{1}{\\epsilon} \\quad\\text{vs}\\quad N_{\\text{noisy}} \\propto \\frac{1}{\\epsilon^{2}}'],
    ['Fréchet distance (domain gap)', '\\mathrm{FID} = \\lVert \\mu_r-\\mu_t \\rVert^{2} + \\operatorname{Tr}(\\Sigma_r+\\Sigma_t-2(\\Sigma_r\\Sigma_t)^{1/2})']]);
}

function peekPart1(result) {
  const { dedup, icr } = result;
  const s = dedup.threshold;
  const { bands: b, rows: r } = dedup;
  const p = 1 - (1 - s ** r) ** b;
  const t = icr.rawTrainingTime;
  const d = icr.deduplicatedTrainingTime;
  peek('chart-icr', [
    ['Information-Compute Ratio: learning signal bought per FLOP',
      `\\mathrm{ICR} = \\frac{\\Delta\\,\\text{learning progress}}{\\Delta\\,\\text{FLOPs}} \\quad\\Rightarrow\\quad \\frac{\\mathrm{ICR}_{\\text{dedup}}}{\\mathrm{ICR}_{\\text{raw}}} = ${fmt.number(icr.measuredIcrGain)}`],
    ['Iron Law of training time (raw corpus → deduplicated)',
      `T = \\frac{D}{B} + \\frac{O}{R_{\\text{peak}}\\,\\eta} + L = \\frac{${fmt.sci(t.dataBytes)}}{${fmt.sci(t.bandwidthBytesPerSecond)}} + \\frac{${fmt.sci(t.operations)}}{${fmt.sci(t.peakFlops)}\\cdot ${t.utilization}} + ${t.latencySeconds} = ${fmt.sci(t.totalSeconds)}\\,\\text{s} \\;\\to\\; ${fmt.sci(d.totalSeconds)}\\,\\text{s}`],
    ['Data Quality Multiplier: samples needed for error ε',
      `N_{\\text{clean}} \\propto \\frac{1}{\\epsilon} \\qquad N_{\\text{noisy}} \\propto \\frac{1}{\\epsilon^{2}} \\qquad \\text{FLOPs saved} = ${fmt.number(icr.savings.fraction * 100)}\\%`],
  ]);
  peek('chart-scurve', [
    ['MinHash: one permutation collides with the Jaccard similarity as probability',
      `P[h_{\\min}(A) = h_{\\min}(B)] = J(A,B) = \\frac{|A \\cap B|}{|A \\cup B|}`],
    [`LSH banding with b = ${b} bands of r = ${r} rows (${dedup.numPerm} permutations), at your threshold s = ${s.toFixed(2)}`,
      `P[\\text{candidate}] = 1-(1-s^{r})^{b} = 1-(1-${s.toFixed(2)}^{${r}})^{${b}} = ${p.toFixed(3)}`],
  ]);
}

function peekPart2(result) {
  const knee = result.knee;
  const kneeRound = knee?.rounds?.find((r) => r.labels === knee.labels);
  peek('chart-roi', [
    ['Data Quality Multiplier: why a well-chosen label is worth more',
      `N_{\\text{clean}} \\propto \\frac{1}{\\epsilon} \\quad\\text{vs}\\quad N_{\\text{noisy}} \\propto \\frac{1}{\\epsilon^{2}} \\qquad N_{\\text{active}}(90\\%) = ${result.activeLabelsToTarget ?? '\\infty'},\\; N_{\\text{random}}(90\\%) = ${result.randomLabelsToTarget ?? '\\infty'}`],
    ['The knee: where the learner’s compute stops paying for the labels it saves',
      `\\text{net}(k) = \\underbrace{c_{\\text{label}}\\,(N_{\\text{random}}(a_k) - N_k)}_{\\text{labels saved}} - k\\,c_{\\text{round}} \\quad c_{\\text{round}} = ${fmt.number(result.learnerCostPerRoundUsd)}\\,\\$ \\quad \\text{knee} = ${knee?.labels ?? '?'}\\text{ labels},\\ \\text{net} = ${fmt.number(kneeRound?.netSavingsUsd ?? knee?.netSavingsUsd)}\\,\\$`],
  ]);
}

function peekPart3(result) {
  const run = result.run;
  peek('chart-mix', [
    ['Fréchet Inception Distance between real and training features (domain gap)',
      `\\mathrm{FID} = \\lVert \\mu_r-\\mu_t \\rVert^{2} + \\operatorname{Tr}\\!\\left(\\Sigma_r+\\Sigma_t-2(\\Sigma_r\\Sigma_t)^{1/2}\\right) = ${fmt.number(run.trainingFid)} ${run.meetsFidThreshold ? '\\le' : '>'} ${fmt.number(result.fidThreshold)}`],
    ['Data Quality Multiplier: noisy (synthetic) samples cost quadratically more',
      `N_{\\text{clean}} \\propto \\frac{1}{\\epsilon},\\quad N_{\\text{noisy}} \\propto \\frac{1}{\\epsilon^{2}} \\qquad \\text{mix} = ${fmt.number(run.mixRatio * 100)}\\%:\\ ${run.realTrainingSamples}\\text{ real} + ${run.syntheticTrainingSamples}\\text{ synthetic}`],
    ['The Safety Lead’s challenge',
      `\\text{acc} = ${fmt.number(run.accuracy * 100)}\\% ${run.meetsAccuracyTarget ? '\\ge' : '<'} ${fmt.number(result.accuracyTarget * 100)}\\% \\;\\wedge\\; \\text{safety}_{\\text{rain}} = ${fmt.number(run.safetyAccuracy * 100)}\\% ${run.meetsSafetyTarget ? '\\ge' : '<'} ${fmt.number(result.safetyTarget * 100)}\\%`],
  ]);
}

main();
