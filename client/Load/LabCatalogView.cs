using System.Text.Json;

namespace DataSelection.Client.Load;

/// <summary>What the load generator needs of <c>GET /api/catalog</c>: tracks with their defaults, and each part's prediction and controls.</summary>
public sealed record LabCatalogView(IReadOnlyList<CatalogTrack> Tracks, IReadOnlyList<CatalogPart> Parts)
{
    public CatalogPart Part(int number) => Parts.First(p => p.Number == number);
}

/// <param name="Defaults">Per part number ("1", "2", "3"), the track's default settings as JSON.</param>
public sealed record CatalogTrack(string Id, IReadOnlyDictionary<string, JsonElement> Defaults);

public sealed record CatalogPart(int Number, CatalogPrediction Prediction, IReadOnlyList<CatalogControl> Parameters, int? CountedRuns);

/// <param name="Kind"><c>percent</c> or <c>choice</c>.</param>
public sealed record CatalogPrediction(string Kind, double? Minimum, double? Maximum, IReadOnlyList<string>? Choices);

/// <param name="Kind"><c>number</c>, <c>integer</c> or <c>choice</c>.</param>
public sealed record CatalogControl(string Name, string Kind, double? Minimum, double? Maximum, double? Step, IReadOnlyList<string>? Choices, bool Advanced);
