namespace DataSelection.Contracts.Workbench;

/// <summary>
/// One student's workbench for one part (key: <see cref="Students.StudentKey.ForWorkbench"/>):
/// runs simulations through the cohort-wide cache and the workers, streams progress to the
/// student's page, cancels a run when a newer one arrives, and records results in the Ledger.
/// </summary>
public interface IWorkbenchGrain : IGrainWithStringKey
{
    /// <summary>
    /// Runs the part's simulation with validated settings. Returns once the run is recorded;
    /// <see cref="Lab.LabRule.Superseded"/> if a newer run from the same student replaced it.
    /// </summary>
    [AlwaysInterleave]
    Task<RunResult> Run(WorkbenchSettings settings);

    /// <summary>The latest recorded run, or null before the first.</summary>
    Task<RunResult?> GetLatest();
}
