// The student's four charts. Each takes streamed partial points and whole results, and keeps the
// canvas's data-points attribute equal to the number of points it draws.
import { palette, countPoints, fmt } from './common.js';

const Chart = () => globalThis.Chart;

function lineDataset(label, color, extra = {}) {
  return { label, data: [], borderColor: color, backgroundColor: color, pointRadius: 3, borderWidth: 2.5, showLine: true, ...extra };
}

function marker(label, color, dash = [6, 4]) {
  return { label, data: [], borderColor: color, backgroundColor: color, borderDash: dash, pointRadius: 0, borderWidth: 2, showLine: true, isMarker: true };
}

function linearChart(canvas, datasets, xTitle, yTitle, extra = {}) {
  return new (Chart())(canvas, {
    type: 'scatter',
    data: { datasets },
    options: {
      parsing: false,
      interaction: { mode: 'nearest', intersect: false },
      scales: {
        x: { type: 'linear', title: { display: true, text: xTitle }, ...(extra.x || {}) },
        y: { type: 'linear', title: { display: true, text: yTitle }, ...(extra.y || {}) },
      },
      plugins: { legend: { position: 'bottom' }, tooltip: extra.tooltip || {} },
    },
  });
}

/** Part 1: learning progress against training FLOPs, raw and deduplicated. */
export class IcrChart {
  constructor(canvas) {
    this.chart = linearChart(canvas,
      [lineDataset('Raw corpus', palette.vermillion, { pointStyle: 'triangle' }), lineDataset('Deduplicated', palette.blue, { pointStyle: 'circle' })],
      'Training FLOPs', 'Learning progress (nats/token)',
      { x: { ticks: { callback: (v) => (v === 0 ? '0' : Number(v).toExponential(0)) } } });
    countPoints(this.chart);
  }

  reset() {
    this.chart.data.datasets.forEach((d) => { d.data = []; });
    this.update();
  }

  addCheckpoint(checkpoint) {
    const [raw, dedup] = this.chart.data.datasets;
    if (checkpoint.raw) raw.data.push(point(checkpoint.raw));
    if (checkpoint.deduplicated) dedup.data.push(point(checkpoint.deduplicated));
    this.update();
  }

  setResult(icr) {
    const [raw, dedup] = this.chart.data.datasets;
    raw.data = (icr.raw || []).map(point);
    dedup.data = (icr.deduplicated || []).map(point);
    this.update();
  }

  update() {
    this.chart.update('none');
    countPoints(this.chart);
  }
}

function point(p) {
  return { x: p.trainingFlops, y: p.learningProgress };
}

/** Part 1: the LSH S-curve 1-(1-s^r)^b with the student's threshold marked. */
export class SCurveChart {
  constructor(canvas) {
    this.chart = linearChart(canvas,
      [lineDataset('P[candidate pair]', palette.blue, { pointRadius: 0 }), marker('Your threshold', palette.orange)],
      'Jaccard similarity s', 'Probability of becoming a candidate',
      { x: { min: 0, max: 1 }, y: { min: 0, max: 1 } });
    countPoints(this.chart);
  }

  reset() {
    this.chart.data.datasets.forEach((d) => { d.data = []; });
    this.update();
  }

  setResult(dedup) {
    const [curve, threshold] = this.chart.data.datasets;
    curve.data = (dedup.sCurve || []).map((p) => ({ x: p.similarity, y: p.candidateProbability }));
    threshold.data = [{ x: dedup.threshold, y: 0 }, { x: dedup.threshold, y: 1 }];
    threshold.label = `Your threshold (${dedup.threshold.toFixed(2)})`;
    this.update();
  }

  update() {
    this.chart.update('none');
    countPoints(this.chart);
  }
}

/** Part 2: accuracy against total project cost, both strategies and the Pareto frontier. */
export class RoiChart {
  constructor(canvas) {
    this.chart = linearChart(canvas,
      [
        lineDataset('Random sampling', palette.orange, { pointStyle: 'rect' }),
        lineDataset('Active learning', palette.blue, { pointStyle: 'circle' }),
        lineDataset('Pareto frontier', palette.green, { borderDash: [4, 3], pointRadius: 0, stepped: 'before' }),
        { ...marker('Knee', palette.vermillion, []), pointRadius: 8, pointStyle: 'crossRot', showLine: false, isMarker: true },
      ],
      'Total project cost (USD: labels + selection compute)', 'Test accuracy',
      {
        x: { ticks: { callback: (v) => fmt.money(v) } },
        y: { ticks: { callback: (v) => `${Math.round(v * 100)} %` } },
      });
    this.show = 'both';
    countPoints(this.chart);
  }

  reset() {
    this.chart.data.datasets.forEach((d) => { d.data = []; });
    this.update();
  }

  addRound(round) {
    const [random, active] = this.chart.data.datasets;
    (round.strategy === 'random' ? random : active).data.push({ x: round.totalCostUsd, y: round.accuracy, labels: round.labels });
    this.update();
  }

  setResult(result) {
    const [random, active, frontier, knee] = this.chart.data.datasets;
    const toPoint = (r) => ({ x: r.totalCostUsd, y: r.accuracy, labels: r.labels });
    random.data = (result.random?.rounds || []).map(toPoint);
    active.data = (result.active?.rounds || []).map(toPoint);
    active.label = `Active learning (${result.active?.strategy ?? 'uncertainty'})`;
    frontier.data = (result.paretoFrontier || []).map(toPoint).sort((a, b) => a.x - b.x);
    const kneeRound = (result.active?.rounds || []).find((r) => r.labels === result.knee?.labels);
    knee.data = kneeRound ? [toPoint(kneeRound)] : [];
    this.update();
  }

  setVisible(show) {
    this.show = show;
    const [random, active] = this.chart.data.datasets;
    random.hidden = show === 'active';
    active.hidden = show === 'random';
    this.update();
  }

  update() {
    this.chart.update('none');
    countPoints(this.chart);
  }
}

/** Part 3: accuracy and rain safety at every synthetic share, the targets, and the student's mix. */
export class MixChart {
  constructor(canvas) {
    this.chart = linearChart(canvas,
      [
        lineDataset('Accuracy on real data', palette.blue, { pointStyle: 'circle' }),
        lineDataset('Rain safety', palette.vermillion, { pointStyle: 'triangle' }),
        marker('Accuracy target', palette.blue),
        marker('Safety target', palette.vermillion, [2, 3]),
        { ...marker('Your mix', palette.black, []), pointRadius: 9, pointStyle: 'star', showLine: false, isMarker: true },
      ],
      'Synthetic share of the training data', 'On real test data',
      {
        x: { min: 0, max: 1, ticks: { callback: (v) => `${Math.round(v * 100)} %` } },
        y: { ticks: { callback: (v) => `${Math.round(v * 100)} %` } },
      });
    countPoints(this.chart);
  }

  reset() {
    this.chart.data.datasets.forEach((d) => { d.data = []; });
    this.update();
  }

  /** A streamed point: the student's own mix first, then the sweep one share at a time. */
  addPoint(run, isOwnMix) {
    const [accuracy, safety, , , mine] = this.chart.data.datasets;
    if (isOwnMix) {
      mine.data = [{ x: run.mixRatio, y: run.safetyAccuracy }];
    } else {
      accuracy.data.push({ x: run.mixRatio, y: run.accuracy });
      safety.data.push({ x: run.mixRatio, y: run.safetyAccuracy });
      accuracy.data.sort((a, b) => a.x - b.x);
      safety.data.sort((a, b) => a.x - b.x);
    }
    this.update();
  }

  setResult(result) {
    const [accuracy, safety, accuracyTarget, safetyTarget, mine] = this.chart.data.datasets;
    const points = result.sweep?.points || [];
    accuracy.data = points.map((p) => ({ x: p.mixRatio, y: p.accuracy }));
    safety.data = points.map((p) => ({ x: p.mixRatio, y: p.safetyAccuracy }));
    accuracyTarget.data = [{ x: 0, y: result.accuracyTarget }, { x: 1, y: result.accuracyTarget }];
    safetyTarget.data = [{ x: 0, y: result.safetyTarget }, { x: 1, y: result.safetyTarget }];
    mine.data = result.run ? [{ x: result.run.mixRatio, y: result.run.safetyAccuracy }] : [];
    this.update();
  }

  update() {
    this.chart.update('none');
    countPoints(this.chart);
  }
}
