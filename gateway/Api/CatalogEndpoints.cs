using DataSelection.Contracts.Lab;

namespace DataSelection.Gateway.Api;

public static class CatalogEndpoints
{
    /// <summary><c>GET /api/catalog</c>: tracks, parts, lock questions with the shape of a prediction, parameter ranges and per-track defaults.</summary>
    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder app)
    {
        var catalog = new
        {
            Tracks = LabCatalog.Tracks.Select(track => new
            {
                track.Id,
                track.Name,
                track.Persona,
                track.NorthStar,
                track.Crisis,
                track.PartStories,
                Defaults = LabCatalog.Parts.ToDictionary(
                    part => part.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    part => (object)Contracts.Workbench.WorkbenchSettings.DefaultsFor(part.Number, LabCatalog.ScenarioFor(track.Id))),
            }).ToList(),
            LabCatalog.Parts,
            Limits = new
            {
                LabCatalog.MaxNameLength,
                LabCatalog.MaxTitleLength,
                LabCatalog.MinReflectionLength,
                LabCatalog.MaxReflectionLength,
            },
        };
        app.MapGet("/api/catalog", () => Results.Ok(catalog))
            .WithName("GetCatalog")
            .WithTags("Catalog");
        return app;
    }
}
