using Microsoft.Extensions.Options;

namespace DataSelection.Grains.Workbench;

/// <summary>
/// How many simulations one silo computes at once and how many fresh ones may wait for a slot
/// (<c>DataSelection:Simulation:Slots</c>, <c>DataSelection:Simulation:MaxQueued</c>).
/// </summary>
public sealed class SimulationQueueOptions
{
    public const string Section = "DataSelection:Simulation";

    /// <summary>
    /// Waiting simulations per slot by default. A Part 1 run, the heaviest, takes 0.1–0.22 s on one core
    /// (docs/BENCHMARKS.md), so a full queue drains in about three seconds.
    /// </summary>
    public const int DefaultQueuedPerSlot = 16;

    /// <summary>
    /// <c>DataSelection:Simulation:Warmup</c> (default true): a new session starts warming the cohort cache
    /// (see <see cref="Contracts.Workbench.ICohortWarmupGrain"/>) in the background lane.
    /// </summary>
    public const string WarmupKey = Section + ":Warmup";

    /// <summary>
    /// How much lower than the serving threads simulations run (Linux nice value, 0–19; 0: the same). At 5 a
    /// busy silo gives a simulation thread about a third of a core against each serving thread, and every idle cycle.
    /// A simulation students are already waiting on runs at the serving threads' priority instead
    /// (<see cref="SimulationThrottle.UrgentWait"/>).
    /// </summary>
    public int Nice { get; set; } = 5;

    /// <summary>The largest <see cref="WarmupSteps"/> accepted: each step more multiplies the settings warmed.</summary>
    public const int MaxWarmupSteps = 4;

    /// <summary>Slider steps on each side of a track's defaults that the warm-up computes (0: the defaults only).</summary>
    public int WarmupSteps { get; set; } = 2;

    /// <summary>
    /// Simulations computed at once; unset means one per core but one, at least one. More would only share the
    /// cores; all of them would leave the silo no core of its own for cached runs, pushes and the hubs, which a
    /// class asks for a hundred times as often (at 2,000 students on two cores, one slot instead of two: cached
    /// p99 241 → 99 ms and fresh p99 656 → 512 ms, docs/BENCHMARKS.md).
    /// </summary>
    public int? Slots { get; set; }

    /// <summary>Fresh simulations that may wait for a slot before the next is refused as busy; unset means <see cref="DefaultQueuedPerSlot"/> per slot.</summary>
    public int? MaxQueued { get; set; }

    public int SlotCount => Slots ?? Math.Max(1, Environment.ProcessorCount - 1);

    public int QueueBound => MaxQueued ?? DefaultQueuedPerSlot * SlotCount;
}

/// <summary>Refuses a queue with no slot or a negative bound before the silo starts.</summary>
internal sealed class SimulationQueueOptionsValidator : IValidateOptions<SimulationQueueOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulationQueueOptions options)
    {
        if (options.Slots is < 1)
        {
            return ValidateOptionsResult.Fail($"{SimulationQueueOptions.Section}:Slots must be at least 1, not {options.Slots}.");
        }
        if (options.Nice is < 0 or > 19)
        {
            return ValidateOptionsResult.Fail($"{SimulationQueueOptions.Section}:Nice must be between 0 and 19, not {options.Nice}.");
        }
        if (options.WarmupSteps is < 0 or > SimulationQueueOptions.MaxWarmupSteps)
        {
            return ValidateOptionsResult.Fail(
                $"{SimulationQueueOptions.Section}:WarmupSteps must be between 0 and {SimulationQueueOptions.MaxWarmupSteps}, not {options.WarmupSteps}.");
        }
        return options.MaxQueued is < 0
            ? ValidateOptionsResult.Fail($"{SimulationQueueOptions.Section}:MaxQueued must be 0 or more, not {options.MaxQueued}.")
            : ValidateOptionsResult.Success;
    }
}
