namespace DataSelection.Simulation.DomainGap;

/// <summary>The conditions a real sample is recorded in; rain is the one the Safety Lead watches.</summary>
public enum WeatherCondition
{
    Clear,
    Fog,
    Night,
    Rain,
}
