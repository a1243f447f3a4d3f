using DataSelection.Simulation.Progress;
using DataSelection.Simulation.Randomness;

namespace DataSelection.Simulation.ActiveLearning;

/// <summary>
/// Pool-based active learning (Settles 2009): label a random seed set, then each round train a
/// logistic regression on the labels bought so far, score the unlabeled pool and buy the top-k
/// (or k at random for the baseline), until the budget is spent. Works on any
/// <see cref="LabeledPool"/>, generated or read from a user's file.
/// </summary>
public static class ActiveLearningLoop
{
    /// <summary>Progress stage name of each round report.</summary>
    public const string Stage = "active-learning";

    private const ulong SeedSetStream = 0;
    private const ulong SelectionStream = 1;

    public static ActiveLearningCurve Run(
        LabeledPool pool,
        LabeledPool test,
        ActiveLearningOptions options,
        IProgress<SimulationProgress<ActiveLearningRound>>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(options);
        Validate(pool, test, options);

        var d = pool.FeatureCount;
        var classCount = Math.Max(pool.ClassCount, test.ClassCount);
        var budget = Math.Min(options.Budget, pool.Rows);
        var chargesCompute = options.Strategy != SamplingStrategy.Random;
        var model = new LogisticRegression(d, classCount, options.InverseRegularization);
        var selectionRandom = SeededRandom.ForStream(options.Seed, SelectionStream);

        var labeled = new bool[pool.Rows];
        var labeledFeatures = new double[budget * d];
        var labeledLabels = new int[budget];
        var labeledCount = 0;
        var hardCasesLabeled = 0;
        var poolProbabilities = new double[pool.Rows * classCount];
        var testProbabilities = new double[test.Rows * classCount];
        var rounds = new List<ActiveLearningRound>();
        // Buffers reused every round: at CLI sizes they live on the large-object heap, where churn costs full collections.
        var candidateBuffer = new int[pool.Rows];
        var scoreBuffer = new double[pool.Rows];

        void Buy(ReadOnlySpan<int> items)
        {
            foreach (var item in items)
            {
                labeled[item] = true;
                pool.Row(item).CopyTo(labeledFeatures.AsSpan(labeledCount * d, d));
                labeledLabels[labeledCount++] = pool.Labels[item];
                if (pool.HardCases?[item] == true)
                {
                    hardCasesLabeled++;
                }
            }
        }

        var everyItem = Enumerable.Range(0, pool.Rows).ToArray();
        Buy(UncertaintySampler.SelectAtRandom(everyItem, Math.Min(options.SeedSize, budget), SeededRandom.ForStream(options.Seed, SeedSetStream)));
        var round = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var labels = labeledLabels.AsSpan(0, labeledCount);
            var iterations = 0;
            if (HasTwoClasses(labels))
            {
                iterations = model.Fit(labeledFeatures.AsSpan(0, labeledCount * d), labels, cancellationToken).Iterations;
            }
            cancellationToken.ThrowIfCancellationRequested();
            var point = Evaluate(model, test, testProbabilities, classCount, labels, options, round, labeledCount,
                pool.HardCases is null ? null : hardCasesLabeled, chargesCompute, iterations);
            rounds.Add(point);
            progress?.Report(new SimulationProgress<ActiveLearningRound>(Stage, (double)labeledCount / budget, point));

            var candidates = Candidates(labeled, candidateBuffer);
            if (labeledCount >= budget || candidates.Length == 0)
            {
                break;
            }
            var k = Math.Min(options.BatchSize, budget - labeledCount);
            round++;
            // With no model yet (the labels hold one class) there is no uncertainty to rank by, so every strategy draws at random.
            if (options.Strategy == SamplingStrategy.Random || !model.IsTrained)
            {
                Buy(UncertaintySampler.SelectAtRandom(candidates, k, selectionRandom));
                continue;
            }
            model.PredictProbabilities(pool.Features, poolProbabilities);
            cancellationToken.ThrowIfCancellationRequested();
            var scores = scoreBuffer.AsSpan(0, candidates.Length);
            for (var i = 0; i < candidates.Length; i++)
            {
                scores[i] = UncertaintySampler.Uncertainty(options.Strategy, poolProbabilities.AsSpan(candidates[i] * classCount, classCount));
            }
            Buy(UncertaintySampler.SelectTopK(scores, candidates, k));
        }
        return new ActiveLearningCurve(options.Strategy, rounds);
    }

    private static ActiveLearningRound Evaluate(
        LogisticRegression model,
        LabeledPool test,
        double[] testProbabilities,
        int classCount,
        ReadOnlySpan<int> labels,
        ActiveLearningOptions options,
        int round,
        int labelCount,
        int? hardCasesLabeled,
        bool chargesCompute,
        int iterations)
    {
        if (model.IsTrained)
        {
            model.PredictProbabilities(test.Features, testProbabilities);
        }
        var onlyClass = labels.Length > 0 ? labels[0] : 0;
        int correct = 0, hardTotal = 0, hardCorrect = 0;
        for (var r = 0; r < test.Rows; r++)
        {
            var predicted = model.IsTrained ? LogisticRegression.ArgMax(testProbabilities.AsSpan(r * classCount, classCount)) : onlyClass;
            var right = predicted == test.Labels[r];
            correct += right ? 1 : 0;
            if (test.HardCases?[r] == true)
            {
                hardTotal++;
                hardCorrect += right ? 1 : 0;
            }
        }
        var labelSpend = labelCount * options.LabelCostUsd;
        var computeSpend = chargesCompute ? round * options.LearnerCostPerRoundUsd : 0.0;
        return new ActiveLearningRound(
            options.Strategy,
            round,
            labelCount,
            Accuracy: test.Rows == 0 ? 0.0 : (double)correct / test.Rows,
            HardCaseRecall: hardTotal == 0 ? null : (double)hardCorrect / hardTotal,
            hardCasesLabeled,
            labelSpend,
            computeSpend,
            labelSpend + computeSpend,
            iterations);
    }

    private static ReadOnlySpan<int> Candidates(bool[] labeled, int[] buffer)
    {
        var next = 0;
        for (var i = 0; i < labeled.Length; i++)
        {
            if (!labeled[i])
            {
                buffer[next++] = i;
            }
        }
        return buffer.AsSpan(0, next);
    }

    private static bool HasTwoClasses(ReadOnlySpan<int> labels)
    {
        foreach (var label in labels)
        {
            if (label != labels[0])
            {
                return true;
            }
        }
        return false;
    }

    private static void Validate(LabeledPool pool, LabeledPool test, ActiveLearningOptions options)
    {
        if (pool.FeatureCount != test.FeatureCount)
        {
            throw new ArgumentException($"The pool has {pool.FeatureCount} features but the test set has {test.FeatureCount}.", nameof(test));
        }
        if (Math.Max(pool.ClassCount, test.ClassCount) < 2)
        {
            throw new ArgumentException("Classification needs at least two classes in the labels.", nameof(pool));
        }
        if (pool.Rows == 0 || test.Rows == 0)
        {
            throw new ArgumentException("The pool and the test set must not be empty.", nameof(pool));
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.SeedSize, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BatchSize, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Budget, options.SeedSize, nameof(options));
        if (!double.IsFinite(options.LabelCostUsd) || options.LabelCostUsd < 0 ||
            !double.IsFinite(options.LearnerCostPerRoundUsd) || options.LearnerCostPerRoundUsd < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Costs must be finite and non-negative.");
        }
    }
}
