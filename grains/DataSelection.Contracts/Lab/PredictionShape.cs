namespace DataSelection.Contracts.Lab;

/// <summary>What a valid prediction for a lock looks like.</summary>
/// <param name="Kind"><c>percent</c> (a number field <c>value</c>) or <c>choice</c> (a string field <c>choice</c>).</param>
/// <param name="Minimum">Smallest value, for percent.</param>
/// <param name="Maximum">Largest value, for percent.</param>
/// <param name="Choices">Allowed choices, for choice.</param>
/// <param name="Example">A valid request body, as JSON.</param>
public sealed record PredictionShape(string Kind, double? Minimum, double? Maximum, IReadOnlyList<string>? Choices, string Example)
{
    public const string Percent = "percent";
    public const string Choice = "choice";

    public static PredictionShape PercentBetween(double minimum, double maximum, double example) =>
        new(Percent, minimum, maximum, null, $"{{\"value\": {example.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}");

    public static PredictionShape OneOf(params string[] choices) =>
        new(Choice, null, null, choices, $"{{\"choice\": \"{choices[0]}\"}}");
}
