using DataSelection.Simulation.Icr;

namespace DataSelection.Simulation.Tests.Icr;

public class NGramLanguageModelTests
{
    private static readonly RedundantCorpusMaker Maker = new(vocabularySize: 1_000, tokensPerDocument: 80);

    [Fact]
    public void Every_conditional_distribution_is_positive_and_sums_to_one()
    {
        var model = new NGramLanguageModel(Maker.VocabularySize);
        var training = Maker.Documents(seed: 5, count: 200);
        foreach (var document in training)
        {
            model.Train(document);
        }
        // A word never seen in training is both an unseen context and an unseen continuation.
        var seen = training.SelectMany(d => d).ToHashSet();
        var neverSeen = Enumerable.Range(0, Maker.VocabularySize).First(w => !seen.Contains(w));
        int[] contexts = [NGramLanguageModel.DocumentStart, 0, 1, 57, Maker.VocabularySize - 1, neverSeen];
        foreach (var context in contexts)
        {
            double sum = 0;
            for (var word = 0; word < Maker.VocabularySize; word++)
            {
                var p = model.Probability(context, word);
                Assert.True(p > 0, $"P({word} | {context}) = {p}");
                sum += p;
            }
            // A sum of 1,000 doubles each below 1 is exact to ~1e-13; smoothing that leaked mass would miss by far more.
            Assert.Equal(1.0, sum, 1e-12);
        }
    }

    [Fact]
    public void A_model_on_a_recycled_table_learns_exactly_what_a_model_on_a_new_table_learns()
    {
        var heldOut = Maker.Documents(seed: 9, count: 40);
        var first = Trained(Maker.Documents(seed: 6, count: 300));
        var firstLoss = first.CrossEntropy(heldOut);
        first.Recycle();

        // Same thread: this model takes the first one's table, full of its counts until cleared.
        var second = Trained(Maker.Documents(seed: 5, count: 200));

        Assert.Equal(Trained(Maker.Documents(seed: 5, count: 200)).CrossEntropy(heldOut), second.CrossEntropy(heldOut));
        Assert.NotEqual(firstLoss, second.CrossEntropy(heldOut));
        Assert.ThrowsAny<IndexOutOfRangeException>(() => first.Train(heldOut[0]));
    }

    private static NGramLanguageModel Trained(IEnumerable<int[]> documents)
    {
        var model = new NGramLanguageModel(Maker.VocabularySize);
        foreach (var document in documents)
        {
            model.Train(document);
        }
        return model;
    }

    [Fact]
    public void Untrained_model_is_uniform_with_loss_log_V()
    {
        var model = new NGramLanguageModel(Maker.VocabularySize);
        Assert.Equal(1.0 / Maker.VocabularySize, model.Probability(NGramLanguageModel.DocumentStart, 3), 1e-15);
        Assert.Equal(1.0 / Maker.VocabularySize, model.Probability(42, 7), 1e-15);
        var heldOut = Maker.Documents(seed: 9, count: 20);
        Assert.Equal(Math.Log(Maker.VocabularySize), model.CrossEntropy(heldOut), 1e-12);
        Assert.Equal(Math.Log(Maker.VocabularySize), model.UniformLoss, 1e-15);
    }

    [Fact]
    public void More_clean_data_lowers_held_out_loss()
    {
        var training = Maker.Documents(seed: 11, count: 800);
        var heldOut = Maker.Documents(seed: 12, count: 100);
        var model = new NGramLanguageModel(Maker.VocabularySize);
        var losses = new List<double> { model.CrossEntropy(heldOut) };
        var trained = 0;
        foreach (var size in new[] { 50, 100, 200, 400, 800 })
        {
            for (; trained < size; trained++)
            {
                model.Train(training[trained]);
            }
            losses.Add(model.CrossEntropy(heldOut));
        }
        // Doubling unique data lowers a smoothed n-gram model's loss by a margin far above the
        // sampling noise of 8,000 held-out tokens (≈ 0.02 nats); require 0.02 per doubling.
        for (var i = 1; i < losses.Count; i++)
        {
            Assert.True(losses[i] < losses[i - 1] - 0.02, $"loss {losses[i]} after {losses[i - 1]}");
        }
        // The generator's conditional entropy is well below log V: the model must get below the unigram-only level it starts near.
        Assert.True(losses[^1] < Math.Log(Maker.VocabularySize) - 1.0);
    }

    [Fact]
    public void Words_outside_the_vocabulary_are_rejected()
    {
        var model = new NGramLanguageModel(10);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Train([1, 2, 10]));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.Probability(NGramLanguageModel.DocumentStart, -2));
    }
}
