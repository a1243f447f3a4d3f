using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Sessions;

namespace DataSelection.Grains.Sessions;

/// <summary>What a session keeps: settings, the key's hash, pacing and one compact record per student.</summary>
[GenerateSerializer, Alias("ds.SessionState")]
public sealed class SessionState
{
    [Id(0)] public bool Created { get; set; }
    [Id(1)] public string Title { get; set; } = "";
    [Id(2)] public byte[] InstructorKeyHash { get; set; } = [];
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
    [Id(4)] public List<PartPacing> Pacing { get; set; } = [];
    [Id(5)] public List<RosterRecord> Roster { get; set; } = [];
    [Id(6)] public bool Ended { get; set; }
}

/// <summary>One student as the session tracks them: enough for the roster, the aggregates and export.</summary>
[GenerateSerializer, Alias("ds.RosterRecord")]
public sealed class RosterRecord
{
    [Id(0)] public string StudentId { get; set; } = "";
    [Id(1)] public string Name { get; set; } = "";
    [Id(2)] public string Track { get; set; } = "";
    [Id(3)] public DateTimeOffset JoinedAt { get; set; }
    [Id(4)] public DateTimeOffset LastProgressAt { get; set; }
    [Id(5)] public Prediction?[] Predictions { get; set; } = new Prediction?[LabCatalog.PartCount];
    [Id(6)] public int[] Runs { get; set; } = new int[LabCatalog.PartCount];
    [Id(7)] public bool[] Reflected { get; set; } = new bool[LabCatalog.PartCount];
    [Id(8)] public double?[] Outcomes { get; set; } = new double?[LabCatalog.PartCount];

    public bool Finished => Reflected.All(r => r);
}
