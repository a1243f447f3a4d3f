using System.Collections.Immutable;
using DataSelection.Grains.Hosting;

namespace DataSelection.Grains.Tests.Hosting;

/// <summary>A grain that appends lines to its persistent state, acknowledging only after the write.</summary>
public interface IProbeGrain : IGrainWithStringKey
{
    Task Append(string line);

    Task<ImmutableArray<string>> Lines();
}

public interface IDefaultStorageProbeGrain : IProbeGrain;

[GenerateSerializer, Alias("tests.ProbeState")]
public sealed class ProbeState
{
    [Id(0)] public ImmutableArray<string> Lines { get; set; } = [];
}

/// <summary>Persists through the lab's named storage, as the lab's grains do.</summary>
public sealed class ProbeGrain([PersistentState("probe", LabStorage.Name)] IPersistentState<ProbeState> state) : Grain, IProbeGrain
{
    public async Task Append(string line)
    {
        state.State.Lines = state.State.Lines.Add(line);
        await state.WriteStateAsync();
    }

    public Task<ImmutableArray<string>> Lines() => Task.FromResult(state.State.Lines);
}

/// <summary>Persists through whatever storage is the silo's default.</summary>
public sealed class DefaultStorageProbeGrain([PersistentState("probe")] IPersistentState<ProbeState> state) : Grain, IDefaultStorageProbeGrain
{
    public async Task Append(string line)
    {
        state.State.Lines = state.State.Lines.Add(line);
        await state.WriteStateAsync();
    }

    public Task<ImmutableArray<string>> Lines() => Task.FromResult(state.State.Lines);
}
