using System.Collections.Immutable;
using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Students;
using DataSelection.Contracts.Workbench;

namespace DataSelection.Grains.Tests.Storage;

/// <summary>A grain state shaped like the lab's: immutable collections, nullable members, the abstract settings hierarchy.</summary>
[GenerateSerializer, Alias("tests.SnapshotState")]
public sealed class SnapshotState
{
    [Id(0)] public string Title { get; set; } = "";
    [Id(1)] public ImmutableArray<LedgerEntry> Ledger { get; set; } = [];
    [Id(2)] public ImmutableDictionary<int, WorkbenchSettings> SettingsByPart { get; set; } = ImmutableDictionary<int, WorkbenchSettings>.Empty;
    [Id(3)] public LockRecord? Lock { get; set; }
    [Id(4)] public double? Score { get; set; }
    [Id(5)] public Dictionary<string, int> RunsByTrack { get; set; } = [];
}
