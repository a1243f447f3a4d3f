namespace DataSelection.Contracts.Lab;

/// <summary>The measured answer to a lock question (key: "track/part"), computed once and kept.</summary>
public interface ILabOutcomeGrain : IGrainWithStringKey
{
    Task<MeasuredOutcome> Measure();
}
