namespace DataSelection.Contracts.Lab;

/// <summary>One control of a part's workbench: its name in requests, its range, and how the page shows it.</summary>
/// <param name="Name">The JSON field name in a run request, e.g. <c>threshold</c>.</param>
/// <param name="Label">What the page calls it.</param>
/// <param name="Kind"><c>number</c>, <c>integer</c> or <c>choice</c>.</param>
/// <param name="Minimum">Smallest allowed value (number, integer).</param>
/// <param name="Maximum">Largest allowed value (number, integer).</param>
/// <param name="Step">The slider's step (number, integer).</param>
/// <param name="Choices">Allowed values (choice).</param>
/// <param name="Advanced">Shown under "advanced" on the page.</param>
/// <param name="Description">One sentence on what it does.</param>
public sealed record ParameterSpec(
    string Name,
    string Label,
    string Kind,
    double? Minimum,
    double? Maximum,
    double? Step,
    IReadOnlyList<string>? Choices,
    bool Advanced,
    string Description)
{
    public const string Number = "number";
    public const string WholeNumber = "integer";
    public const string Choice = "choice";
}
