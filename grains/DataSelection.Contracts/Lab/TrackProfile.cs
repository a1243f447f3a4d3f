namespace DataSelection.Contracts.Lab;

/// <summary>
/// Who the student is on a track and what crisis they face (storyboard §2), and the story each
/// part tells for that track. The numbers behind the story are in the simulation's track catalog.
/// </summary>
/// <param name="Id">The track's id, e.g. <c>cloud-titan</c>.</param>
/// <param name="Name">Display name.</param>
/// <param name="Persona">The role the student plays.</param>
/// <param name="NorthStar">The fixed mission of the track.</param>
/// <param name="Crisis">The data crisis, in the storyboard's words.</param>
/// <param name="PartStories">What each part means on this track, in part order.</param>
public sealed record TrackProfile(
    string Id,
    string Name,
    string Persona,
    string NorthStar,
    string Crisis,
    IReadOnlyList<string> PartStories);
