namespace DataSelection.Contracts.Lab;

/// <summary>The outcome of checking one piece of user input: a clean value, or why it was refused.</summary>
public readonly record struct Validated<T>(T? Value, string? Error)
{
    public bool IsValid => Error is null;
}

/// <summary>Makes <see cref="Validated{T}"/> values.</summary>
public static class Validated
{
    public static Validated<T> Ok<T>(T value) => new(value, null);

    public static Validated<T> Refused<T>(string error) => new(default, error);
}
