using System.Security.Cryptography;
using System.Text;

namespace DataSelection.Contracts.Workbench;

/// <summary>One lab simulation to compute: the part's settings on a track's scenario with a seed.</summary>
[GenerateSerializer, Immutable, Alias("ds.SimulationRequest")]
public sealed record SimulationRequest(
    [property: Id(0)] string Track,
    [property: Id(1)] WorkbenchSettings Settings,
    [property: Id(2)] ulong Seed)
{
    /// <summary>Identical for identical inputs on every node: the cohort-wide cache's key.</summary>
    public string CacheKey()
    {
        var text = FormattableString.Invariant($"v1|part{Settings.Part}|{Track}|{Settings.CanonicalForm()}|{Seed}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}

/// <summary>A computed simulation: its whole result as JSON and its summary.</summary>
[GenerateSerializer, Immutable, Alias("ds.SimulationOutcome")]
public sealed record SimulationOutcome(
    [property: Id(0)] string ResultJson,
    [property: Id(1)] RunSummary Summary);

/// <summary>One step of a running simulation: its stage, how far along it is, and a partial result to draw, if any.</summary>
public sealed record SimulationUpdate(string Stage, double Fraction, string? PartialJson);
