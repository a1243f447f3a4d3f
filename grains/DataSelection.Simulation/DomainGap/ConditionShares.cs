namespace DataSelection.Simulation.DomainGap;

/// <summary>
/// Shares of samples recorded in fog, at night and in rain; clear weather takes the rest. A small
/// real collection is biased in what it covers (recorded mostly in easy, clear conditions), while
/// the field and the simulator have every condition at its real-world share.
/// </summary>
public sealed record ConditionShares(double Fog, double Night, double Rain)
{
    // In the field, half of the dry samples are clear, 15% foggy and 35% at night (devices work
    // around the clock; a small collection campaign records by day).
    private const double FogShareOfDry = 0.15;
    private const double NightShareOfDry = 0.35;

    public double Clear => 1.0 - Fog - Night - Rain;

    /// <summary>The field's shares: rain at <paramref name="rainShare"/>, the dry rest half clear, 15% fog, 35% night.</summary>
    public static ConditionShares Field(double rainShare) =>
        new(FogShareOfDry * (1.0 - rainShare), NightShareOfDry * (1.0 - rainShare), rainShare);

    /// <summary>The share of <paramref name="condition"/>.</summary>
    public double Of(WeatherCondition condition) => condition switch
    {
        WeatherCondition.Clear => Clear,
        WeatherCondition.Fog => Fog,
        WeatherCondition.Night => Night,
        WeatherCondition.Rain => Rain,
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, null),
    };

    internal void Validate(string parameterName)
    {
        if (Fog is < 0 or > 1 || Night is < 0 or > 1 || Rain is < 0 or >= 1 || Fog + Night + Rain > 1.0)
        {
            throw new ArgumentOutOfRangeException(parameterName, "Condition shares must be in [0, 1] (rain below 1) and sum to at most 1.");
        }
    }

    internal WeatherCondition Draw(double uniform)
    {
        if (uniform < Rain)
        {
            return WeatherCondition.Rain;
        }
        uniform -= Rain;
        if (uniform < Fog)
        {
            return WeatherCondition.Fog;
        }
        uniform -= Fog;
        return uniform < Night ? WeatherCondition.Night : WeatherCondition.Clear;
    }
}
