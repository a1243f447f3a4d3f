using System.Collections.Immutable;
using DataSelection.Contracts.Workbench;

namespace DataSelection.Grains.Simulations;

/// <summary>Collects a run's headline numbers, leaving out the ones a run did not reach.</summary>
internal sealed class SummaryBuilder
{
    private readonly ImmutableSortedDictionary<string, double>.Builder _metrics =
        ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);

    public SummaryBuilder Add(string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            _metrics[name] = v;
        }
        return this;
    }

    public SummaryBuilder Add(string name, bool value) => Add(name, value ? 1.0 : 0.0);

    public RunSummary Build(string headline, double? outcome) => new(headline, _metrics.ToImmutable(), outcome);
}
