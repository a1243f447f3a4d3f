namespace DataSelection.Client.Load;

/// <summary>Where a load test's never-used slider values fall.</summary>
public enum FreshRange
{
    /// <summary>
    /// Between the slider positions the class visits (the track's default ± two steps), off the steps:
    /// a setting nobody computed, at the track's default size. What the fresh target measures.
    /// </summary>
    Near,

    /// <summary>
    /// Anywhere in the control's range: also settings far larger than the default (Part 2 at a batch of 5
    /// and a budget of 2,000 is about ten times the default's work).
    /// </summary>
    Anywhere,
}
