namespace DataSelection.Contracts.Lab;

/// <summary>Which rule of the lab a request broke; the gateway maps each to an HTTP status.</summary>
public enum LabRule
{
    /// <summary>The session, student or part does not exist (404).</summary>
    NotFound,

    /// <summary>The instructor has the part closed (409).</summary>
    PartClosed,

    /// <summary>The workbench needs the part's lock first (409).</summary>
    LockRequired,

    /// <summary>A lock can never be changed (409).</summary>
    AlreadyLocked,

    /// <summary>A reflection needs at least one run (409).</summary>
    RunRequired,

    /// <summary>Part 2's ten counted runs are used; submit the knee (409).</summary>
    RunLimitReached,

    /// <summary>The knee was already submitted (409).</summary>
    AlreadySubmitted,

    /// <summary>A newer run from the same student replaced this one (409).</summary>
    Superseded,

    /// <summary>The input is not valid (400).</summary>
    InvalidInput,

    /// <summary>The session already exists (409).</summary>
    AlreadyExists,

    /// <summary>The silo's simulation queue is full; retry after <see cref="LabRuleException.RetryAfterSeconds"/> (503).</summary>
    Busy,

    /// <summary>Too many requests from this student, session or address; retry after <see cref="LabRuleException.RetryAfterSeconds"/> (429).</summary>
    RateLimited,

    /// <summary>The instructor ended the session: nothing more can be joined, locked, run or written (410).</summary>
    SessionEnded,

    /// <summary>Storage did not confirm the write, so nothing changed; the same request can be sent again (503).</summary>
    NotSaved,

    /// <summary>The simulation failed on the server before the run was recorded, so it was not counted; run again (503).</summary>
    RunFailed,

    /// <summary>Storage could not be read, so what the request needs could not be loaded and nothing changed; send it again (503).</summary>
    StorageUnavailable,
}

/// <summary>A request broke a rule of the lab. Nothing was changed.</summary>
[GenerateSerializer, Alias("ds.LabRuleException")]
public sealed class LabRuleException : Exception
{
    public LabRuleException()
    {
    }

    public LabRuleException(string message)
        : base(message)
    {
    }

    public LabRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LabRuleException(LabRule rule, string message)
        : base(message) => Rule = rule;

    public LabRuleException(LabRule rule, string message, Exception innerException)
        : base(message, innerException) => Rule = rule;

    [Id(0)]
    public LabRule Rule { get; init; } = LabRule.InvalidInput;

    /// <summary>For a refusal that passes with time (<see cref="LabRule.Busy"/>): whole seconds after which a retry should succeed.</summary>
    [Id(1)]
    public int? RetryAfterSeconds { get; init; }
}
