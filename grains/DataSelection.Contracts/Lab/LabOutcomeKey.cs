namespace DataSelection.Contracts.Lab;

/// <summary>How <see cref="ILabOutcomeGrain"/> is keyed: "track/part".</summary>
public static class LabOutcomeKey
{
    public static string For(string track, int part) => FormattableString.Invariant($"{track}/{part}");

    public static (string Track, int Part) Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.LastIndexOf('/');
        return slash > 0 && int.TryParse(key.AsSpan(slash + 1), System.Globalization.CultureInfo.InvariantCulture, out var part)
            ? (key[..slash], part)
            : throw new FormatException($"'{key}' is not a lab outcome key.");
    }
}
