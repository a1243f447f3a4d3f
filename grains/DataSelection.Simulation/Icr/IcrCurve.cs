using DataSelection.Simulation.Costs;
using DataSelection.Simulation.Dedup;
using DataSelection.Simulation.Progress;
using DataSelection.Simulation.Reuse;

namespace DataSelection.Simulation.Icr;

/// <summary>
/// Measures the Information-Compute Ratio curve (the book: ICR = ΔI/ΔFLOPs) by really training
/// one <see cref="NGramLanguageModel"/> on the raw stream and one on the deduplicated stream and
/// measuring held-out loss as they go.
/// </summary>
/// <remarks>
/// Both runs walk the raw stream in order; the deduplicated run trains only on kept documents.
/// Checkpoints fall where the raw stream has passed k/K of its tokens (at the first document
/// boundary at or after it), so at every checkpoint both runs have walked over the same stretch of
/// corpus and differ only in what they skipped: the deduplicated run has spent fewer FLOPs on it.
/// At the last checkpoint both have seen their whole stream.
/// </remarks>
public static class IcrCurve
{
    private const string Stage = "icr";

    /// <summary>Measures the curve for a generated corpus and a kept-mask from deduplication (one flag per training document).</summary>
    public static IcrCurveResult Measure(
        GeneratedCorpus corpus,
        IReadOnlyList<bool> kept,
        DedupScenario scenario,
        ComputePrices prices,
        IProgress<SimulationProgress<IcrCheckpoint>>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        ArgumentNullException.ThrowIfNull(scenario);
        var trainingStream = corpus.Documents.Select(d => d.Tokens).ToArray();
        var heldOut = corpus.HeldOut.Select(d => d.Tokens).ToArray();
        // The raw run sees the whole stream whatever was removed: measured once per corpus and scenario.
        var raw = CorpusMemo.Stage(corpus, (nameof(IcrCurve), scenario), () =>
            RawStreamRun.Measure(trainingStream, heldOut, corpus.VocabularySize, scenario, CancellationToken.None));
        CheckMask(kept, trainingStream.Length);
        // The deduplicated run depends only on which documents were kept, and neighbouring thresholds
        // often keep the same ones (LSH verifies candidates by estimated Jaccard, which moves in steps
        // of 1/numPerm): measured once per kept set and corpus, the newest sets kept.
        var deduplicatedRuns = CorpusMemo.Stage(corpus, (nameof(IcrCurve), nameof(DeduplicatedRun), scenario), () =>
            new BoundedMemo<KeptDocuments, IcrPoint[]>(KeptSetsPerCorpus));
        cancellationToken.ThrowIfCancellationRequested();
        var deduplicated = deduplicatedRuns.GetOrCompute(new KeptDocuments(kept), _ =>
            DeduplicatedRun(raw, trainingStream, kept, heldOut, onCheckpoint: null, CancellationToken.None));
        cancellationToken.ThrowIfCancellationRequested();
        for (var index = 0; index < deduplicated.Length; index++)
        {
            Report(progress, raw, index, deduplicated[index]);
        }
        return Curve(raw, deduplicated, trainingStream, kept, heldOut, scenario, prices);
    }

    /// <summary>How many kept sets of one corpus keep their deduplicated run (a few KB each).</summary>
    public const int KeptSetsPerCorpus = 256;

    /// <summary>Measures the curve for a training stream (in order), its kept-mask, and clean held-out documents.</summary>
    /// <param name="trainingStream">Documents in training order, as word ids in [0, V).</param>
    /// <param name="kept">One flag per training document: true if deduplication kept it.</param>
    /// <param name="heldOut">Clean, unseen documents the loss is measured on.</param>
    /// <param name="vocabularySize">V.</param>
    /// <param name="scenario">The track's notional model, notional corpus, checkpoint count and Iron Law terms.</param>
    /// <param name="prices">The track's accelerator price and speed.</param>
    /// <param name="progress">Receives the untrained origin and then each checkpoint of both runs as it is measured.</param>
    public static IcrCurveResult Measure(
        IReadOnlyList<int[]> trainingStream,
        IReadOnlyList<bool> kept,
        IReadOnlyList<int[]> heldOut,
        int vocabularySize,
        DedupScenario scenario,
        ComputePrices prices,
        IProgress<SimulationProgress<IcrCheckpoint>>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trainingStream);
        ArgumentNullException.ThrowIfNull(kept);
        ArgumentNullException.ThrowIfNull(heldOut);
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(prices);
        CheckMask(kept, trainingStream.Count);
        var raw = RawStreamRun.Measure(trainingStream, heldOut, vocabularySize, scenario, cancellationToken);
        var deduplicated = DeduplicatedRun(raw, trainingStream, kept, heldOut,
            (index, point) => Report(progress, raw, index, point), cancellationToken);
        return Curve(raw, deduplicated, trainingStream, kept, heldOut, scenario, prices);
    }

    private static void CheckMask(IReadOnlyList<bool> kept, int documents)
    {
        if (kept.Count != documents)
        {
            throw new ArgumentException($"The kept-mask has {kept.Count} flags for {documents} documents.", nameof(kept));
        }
    }

    private static void Report(IProgress<SimulationProgress<IcrCheckpoint>>? progress, RawStreamRun raw, int index, IcrPoint deduplicated) =>
        progress?.Report(new SimulationProgress<IcrCheckpoint>(
            Stage,
            (double)index / (raw.Points.Length - 1),
            new IcrCheckpoint(index, raw.Points[index], deduplicated)));

    /// <summary>
    /// The deduplicated run along the stream, checkpointed where the raw run was: one point per
    /// checkpoint, the origin first (each handed to <paramref name="onCheckpoint"/> as it is measured).
    /// </summary>
    private static IcrPoint[] DeduplicatedRun(
        RawStreamRun raw,
        IReadOnlyList<int[]> trainingStream,
        IReadOnlyList<bool> kept,
        IReadOnlyList<int[]> heldOut,
        Action<int, IcrPoint>? onCheckpoint,
        CancellationToken cancellationToken)
    {
        var deduplicated = new Run(new NGramLanguageModel(raw.VocabularySize), raw.Compute);
        var checkpoints = raw.Points.Length - 1;
        Record(0);
        var checkpoint = 1;
        for (var i = 0; i < trainingStream.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (kept[i])
            {
                deduplicated.Train(trainingStream[i]);
            }
            while (checkpoint <= checkpoints && raw.CheckpointAfter[checkpoint] == i)
            {
                Record(checkpoint++);
            }
        }
        var points = deduplicated.Points.ToArray();
        deduplicated.Model.Recycle();
        return points;

        void Record(int index)
        {
            deduplicated.Checkpoint(index, heldOut, cancellationToken);
            onCheckpoint?.Invoke(index, deduplicated.Points[^1]);
        }
    }

    /// <summary>The curve of both runs, with what they cost and saved.</summary>
    private static IcrCurveResult Curve(
        RawStreamRun raw,
        IcrPoint[] deduplicatedPoints,
        IReadOnlyList<int[]> trainingStream,
        IReadOnlyList<bool> kept,
        IReadOnlyList<int[]> heldOut,
        DedupScenario scenario,
        ComputePrices prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        long keptTokens = 0;
        var keptDocuments = 0;
        for (var i = 0; i < trainingStream.Count; i++)
        {
            if (kept[i])
            {
                keptTokens += trainingStream[i].Length;
                keptDocuments++;
            }
        }
        var rawTokens = raw.Tokens;
        var compute = raw.Compute;
        var heldOutTokens = heldOut.Sum(d => (long)d.Length);
        var rawEnd = raw.Points[^1];
        var dedupEnd = deduplicatedPoints[^1];
        var savedFlops = rawEnd.TrainingFlops - dedupEnd.TrainingFlops;
        var removedTokenFraction = 1.0 - (double)keptTokens / rawTokens;
        var rawCorpusBytes = scenario.NotionalCorpusBytes;
        return new IcrCurveResult(
            [.. raw.Points],
            [.. deduplicatedPoints],
            raw.VocabularySize,
            raw.UniformLoss,
            heldOut.Count,
            heldOutTokens,
            trainingStream.Count,
            keptDocuments,
            rawTokens,
            keptTokens,
            1.0 - (double)keptDocuments / trainingStream.Count,
            removedTokenFraction,
            compute,
            rawEnd.TrainingFlops,
            dedupEnd.TrainingFlops,
            new ComputeSavings(savedFlops, savedFlops / rawEnd.TrainingFlops, prices.GpuHoursFor(savedFlops), prices.GpuCostFor(savedFlops)),
            rawEnd.HeldOutLoss,
            dedupEnd.HeldOutLoss,
            Ratio(dedupEnd.LearningProgress, rawEnd.LearningProgress),
            dedupEnd.CumulativeIcr is { } dedupIcr && rawEnd.CumulativeIcr is { } rawIcr ? Ratio(dedupIcr, rawIcr) : null,
            // The book's reference for the Lock of Part 1: removing f of the samples raises ICR by 1/(1 − f).
            keptTokens == 0 ? null : 1.0 / (1.0 - removedTokenFraction),
            IronLaw.ForTraining(scenario, prices, rawEnd.TrainingFlops, rawCorpusBytes),
            IronLaw.ForTraining(scenario, prices, dedupEnd.TrainingFlops, rawCorpusBytes * keptTokens / rawTokens),
            Ratio(rawEnd.TrainingFlops, dedupEnd.TrainingFlops));
    }

    /// <summary>
    /// The raw half of a measurement: the model trained on the whole stream, its point at every checkpoint,
    /// and the document after which each checkpoint fell (-1 for the untrained origin). It does not depend
    /// on what deduplication kept, so one measurement serves every threshold.
    /// </summary>
    private sealed record RawStreamRun(IcrPoint[] Points, int[] CheckpointAfter, int VocabularySize, double UniformLoss, long Tokens, TrainingCompute Compute)
    {
        public static RawStreamRun Measure(IReadOnlyList<int[]> trainingStream, IReadOnlyList<int[]> heldOut, int vocabularySize, DedupScenario scenario, CancellationToken cancellationToken)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scenario.IcrCheckpoints);
            long rawTokens = 0;
            foreach (var document in trainingStream)
            {
                rawTokens += document.Length;
            }
            if (rawTokens == 0)
            {
                throw new ArgumentException("The training stream holds no tokens.", nameof(trainingStream));
            }
            var compute = TrainingCompute.For(scenario, rawTokens);
            var raw = new Run(new NGramLanguageModel(vocabularySize), compute);
            var checkpoints = scenario.IcrCheckpoints;
            var after = new int[checkpoints + 1];
            after[0] = -1;
            raw.Checkpoint(0, heldOut, cancellationToken);
            var checkpoint = 1;
            for (var i = 0; i < trainingStream.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                raw.Train(trainingStream[i]);
                while (checkpoint <= checkpoints && raw.Tokens >= CheckpointTokens(checkpoint, checkpoints, rawTokens))
                {
                    after[checkpoint] = i;
                    raw.Checkpoint(checkpoint++, heldOut, cancellationToken);
                }
            }
            var run = new RawStreamRun([.. raw.Points], after, vocabularySize, raw.Model.UniformLoss, rawTokens, compute);
            raw.Model.Recycle();
            return run;
        }
    }

    // Checkpoint k of K falls where the raw stream has passed ⌈k·T/K⌉ tokens.
    private static long CheckpointTokens(int checkpoint, int checkpoints, long rawTokens) =>
        (checkpoint * rawTokens + checkpoints - 1) / checkpoints;

    private static double? Ratio(double numerator, double denominator) =>
        denominator > 0 ? numerator / denominator : null;

    /// <summary>One training run along the stream: its model, what it has consumed, and its points so far.</summary>
    private sealed class Run(NGramLanguageModel model, TrainingCompute compute)
    {
        private readonly List<IcrPoint> _points = [];
        private long _evaluatedAtTokens = -1;
        private double _loss;

        public NGramLanguageModel Model => model;

        public IReadOnlyList<IcrPoint> Points => _points;

        public int Documents { get; private set; }

        public long Tokens => model.TrainedTokens;

        public void Train(int[] document)
        {
            model.Train(document);
            Documents++;
        }

        public void Checkpoint(int index, IReadOnlyList<int[]> heldOut, CancellationToken cancellationToken)
        {
            // A run that trained on nothing since its last checkpoint is the same model: its loss is unchanged.
            if (_evaluatedAtTokens != Tokens)
            {
                _loss = model.CrossEntropy(heldOut, cancellationToken);
                _evaluatedAtTokens = Tokens;
            }
            var flops = compute.FlopsFor(Tokens);
            var progress = model.UniformLoss - _loss;
            IcrPoint? previous = _points.Count == 0 ? null : _points[^1];
            _points.Add(new IcrPoint(
                index,
                Documents,
                Tokens,
                compute.NotionalTokens(Tokens),
                flops,
                _loss,
                progress,
                previous is null ? null : Ratio(progress - previous.LearningProgress, flops - previous.TrainingFlops),
                Ratio(progress, flops)));
        }
    }
}
