using System.Text;

namespace DataSelection.Client.Load;

/// <summary>What every simulated student and instructor of one load test shares.</summary>
public sealed class LoadContext(
    LoadTestSettings settings,
    GatewayHttp http,
    LabCatalogView catalog,
    CreatedSession session,
    LoadRecorder recorder,
    DashboardStaleness staleness)
{
    private readonly Dictionary<(string Track, int Part), WorkbenchSliders> _sliders = catalog.Tracks
        .SelectMany(track => catalog.Parts.Select(part => (track, part)))
        .ToDictionary(
            x => (x.track.Id, x.part.Number),
            x => new WorkbenchSliders(x.part, x.track.Defaults.GetValueOrDefault(x.part.Number.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    public LoadTestSettings Settings { get; } = settings;

    public GatewayHttp Http { get; } = http;

    public LabCatalogView Catalog { get; } = catalog;

    public CreatedSession Session { get; } = session;

    public LoadRecorder Recorder { get; } = recorder;

    public DashboardStaleness Staleness { get; } = staleness;

    /// <summary>The same reflection for everyone, encoded once.</summary>
    public byte[] ReflectionBody { get; } = Encoding.UTF8.GetBytes(
        "{\"text\":\"Load test reflection: the cohort cache answered most of my runs; fresh settings took the engine's time.\"}");

    /// <summary>The sliders of the track student <paramref name="index"/> picked (students are spread over the tracks in turn).</summary>
    public WorkbenchSliders Sliders(int index, int part) =>
        _sliders[(Catalog.Tracks[index % Catalog.Tracks.Count].Id, part)];
}
