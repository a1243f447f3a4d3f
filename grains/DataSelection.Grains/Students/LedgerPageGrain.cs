using System.Collections.Immutable;
using DataSelection.Contracts.Students;
using DataSelection.Grains.Hosting;

namespace DataSelection.Grains.Students;

/// <summary>One sealed page of a student's Ledger, in its own stored record.</summary>
public sealed class LedgerPageGrain([PersistentState("ledgerpage", LabStorage.Name)] IPersistentState<LedgerPageState> state) : Grain, ILedgerPageGrain
{
    public async Task Seal(ImmutableArray<LedgerEntry> entries)
    {
        if (state.RecordExists && state.State.Entries.SequenceEqual(entries))
        {
            return;
        }
        state.State.Entries = [.. entries];
        await state.WriteStateAsync();
    }

    public Task<ImmutableArray<LedgerEntry>> Read() => Task.FromResult(state.State.Entries.ToImmutableArray());
}

/// <summary>What a sealed Ledger page keeps.</summary>
[GenerateSerializer, Alias("ds.LedgerPageState")]
public sealed class LedgerPageState
{
    [Id(0)] public List<LedgerEntry> Entries { get; set; } = [];
}
