// Shared by the student's and the instructor's pages: HTTP with visible errors, hub connections
// that reconnect forever and show their state, downloads with credentials, Math Peek, formatting.

/** Okabe–Ito: distinguishable with every common colour-vision deficiency. */
export const palette = {
  orange: '#E69F00',
  sky: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  black: '#000000',
  grey: '#6b6b6b',
};

export class ApiError extends Error {
  constructor(status, detail, rule) {
    super(detail);
    this.status = status;
    this.rule = rule;
  }
}

/** Calls the API; any refusal becomes an ApiError carrying the server's own detail. */
export async function api(path, { method = 'GET', body, headers = {} } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    throw new ApiError(0, `The server could not be reached (${error.message}).`);
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = text;
    }
  }
  if (!response.ok) {
    const detail = (data && typeof data === 'object' && (data.detail || data.title)) || (typeof data === 'string' && data) || response.statusText;
    throw new ApiError(response.status, `${detail} (HTTP ${response.status})`, data && data.rule);
  }
  return data;
}

const banner = () => document.getElementById('error-banner');

/** Shows a server or form error in the page's alert banner; never silently dropped. */
export function showError(error) {
  const element = banner();
  const message = error instanceof Error ? error.message : String(error);
  element.querySelector('.error-text').textContent = message;
  element.hidden = false;
  console.warn(message);
}

export function clearError() {
  banner().hidden = true;
}

export function wireErrorBanner() {
  banner().querySelector('button').addEventListener('click', clearError);
}

/** The message next to a field (`[data-error-for=id]`), and the field marked invalid. */
export function fieldError(fieldId, message) {
  const element = document.querySelector(`[data-error-for="${fieldId}"]`);
  const field = document.getElementById(fieldId);
  if (element) {
    element.textContent = message || '';
  }
  if (field) {
    if (message) {
      field.setAttribute('aria-invalid', 'true');
    } else {
      field.removeAttribute('aria-invalid');
    }
  }
}

/** Retries forever, backing off to 10 s: a projector left open all lesson must come back by itself. */
const retryPolicy = {
  nextRetryDelayInMilliseconds: (context) => Math.min(10_000, [0, 1000, 2000, 5000][context.previousRetryCount] ?? 10_000),
};

/**
 * A hub connection whose state is shown in #connection-state, that reconnects automatically and
 * calls onResync after every (re)connection so the page can reload the server's state.
 */
export function connectHub(url, options, onResync) {
  const signalR = globalThis.signalR;
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(url, options)
    .withAutomaticReconnect(retryPolicy)
    .configureLogging(signalR.LogLevel.None)
    .build();
  const indicator = document.getElementById('connection-state');
  const setState = (state, text) => {
    indicator.dataset.state = state;
    indicator.querySelector('.connection-text').textContent = text;
  };
  connection.onreconnecting(() => setState('reconnecting', 'Reconnecting…'));
  connection.onreconnected(async () => {
    setState('connected', 'Live');
    await onResync();
  });
  connection.onclose(() => {
    setState('disconnected', 'Offline — retrying');
    setTimeout(start, 3000);
  });
  let stopped = false;
  async function start() {
    if (stopped || connection.state !== signalR.HubConnectionState.Disconnected) {
      return;
    }
    try {
      await connection.start();
      setState('connected', 'Live');
      await onResync();
    } catch {
      setState('disconnected', 'Offline — retrying');
      setTimeout(start, 3000);
    }
  }
  return {
    connection,
    start,
    stop: async () => {
      stopped = true;
      await connection.stop();
    },
    get connected() {
      return connection.state === signalR.HubConnectionState.Connected;
    },
  };
}

/** Fetches a file with credentials and saves it through a blob URL (a plain link cannot send a header). */
export function wireDownload(anchor, path, headers, fileName) {
  anchor.addEventListener('click', async (event) => {
    event.preventDefault();
    try {
      const response = await fetch(path(), { headers: headers() });
      if (!response.ok) {
        throw new ApiError(response.status, `Download failed: HTTP ${response.status}`);
      }
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName();
      link.hidden = true;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      showError(error);
    }
  });
}

/** Math Peek: a toggle button that shows a panel of KaTeX formulas, re-rendered with live numbers. */
export function wireMathPeek(card) {
  const button = card.querySelector('.math-peek-toggle');
  const panel = card.querySelector('.math-peek');
  const canvas = card.querySelector('canvas');
  panel.id ||= `${canvas ? canvas.id : 'chart'}-math`;
  button.setAttribute('aria-controls', panel.id);
  button.addEventListener('click', () => {
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    panel.hidden = !open;
  });
}

/** Renders lines of [caption, TeX] into a Math Peek panel; KaTeX builds DOM nodes, so no inline markup is parsed. */
export function renderMath(panel, lines) {
  panel.replaceChildren();
  for (const [caption, tex] of lines) {
    const figure = document.createElement('div');
    figure.className = 'formula';
    const label = document.createElement('p');
    label.className = 'formula-caption';
    label.textContent = caption;
    const math = document.createElement('div');
    globalThis.katex.render(tex, math, { throwOnError: false, displayMode: true, output: 'htmlAndMathml' });
    figure.append(label, math);
    panel.append(figure);
  }
}

export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const moneyFormat = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

export const fmt = {
  number: (value) => (value == null || Number.isNaN(value) ? '—' : numberFormat.format(value)),
  percent: (fraction) => (fraction == null ? '—' : `${numberFormat.format(fraction * 100)} %`),
  money: (value) => (value == null ? '—' : moneyFormat.format(value)),
  time: (iso) => (iso ? timeFormat.format(new Date(iso)) : '—'),
  dateTime: (iso) => (iso ? new Date(iso).toLocaleString() : '—'),
  sci: (value, digits = 2) => {
    if (value == null) {
      return '—';
    }
    if (value === 0) {
      return '0';
    }
    const exponent = Math.floor(Math.log10(Math.abs(value)));
    const mantissa = value / 10 ** exponent;
    return `${mantissa.toFixed(digits)}\\times10^{${exponent}}`;
  },
  sciText: (value) => {
    if (value == null) {
      return '—';
    }
    return value === 0 ? '0' : value.toExponential(2).replace('e+', ' × 10^');
  },
};

/** A text element: names and reflections are only ever set as text, never parsed as markup. */
export function el(tag, text, className) {
  const element = document.createElement(tag);
  if (text != null) {
    element.textContent = text;
  }
  if (className) {
    element.className = className;
  }
  return element;
}

/** Shared Chart.js defaults: readable on a projector, no animation on streamed updates. */
export function chartDefaults() {
  const Chart = globalThis.Chart;
  Chart.defaults.font.size = 14;
  Chart.defaults.color = '#1f2328';
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.plugins.legend.labels.usePointStyle = true;
}

/** Records how many data points a canvas currently draws (the browser tests read it). */
export function countPoints(chart) {
  const total = chart.data.datasets.filter((d) => !d.isMarker).reduce((sum, dataset) => sum + dataset.data.length, 0);
  chart.canvas.dataset.points = String(total);
  return total;
}
