namespace DataSelection.Contracts.Lab;

/// <summary>One part of the lab: Lock → Workbench → Reflect.</summary>
/// <param name="Number">1, 2 or 3.</param>
/// <param name="Title">The storyboard's title, e.g. "The Deduplication Audit".</param>
/// <param name="Objective">What the student must find out.</param>
/// <param name="LockQuestion">The prediction committed before the workbench opens.</param>
/// <param name="Prediction">The shape of a valid prediction.</param>
/// <param name="ReflectionPrompt">The written question answered after working.</param>
/// <param name="Parameters">The workbench's controls.</param>
/// <param name="CountedRuns">Runs that count toward the part's rule (Part 2: the 10-iteration rule); null when unlimited.</param>
public sealed record PartDefinition(
    int Number,
    string Title,
    string Objective,
    string LockQuestion,
    PredictionShape Prediction,
    string ReflectionPrompt,
    IReadOnlyList<ParameterSpec> Parameters,
    int? CountedRuns);
