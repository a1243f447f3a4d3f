namespace DataSelection.Grains.Sessions;

/// <summary>
/// Folds one activation's roster into what storage holds, when a write found that another
/// activation of the same session had written first (a duplicate activation while the cluster
/// changes membership). Progress only ever moves forward, so the union is always right: a student
/// is known if either side knows them, a part is locked or reflected if either side says so, and
/// run counts take the larger.
/// </summary>
public static class RosterMerge
{
    public static void Into(SessionState stored, IEnumerable<RosterRecord> mine)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(mine);
        var byId = stored.Roster.ToDictionary(r => r.StudentId, StringComparer.Ordinal);
        foreach (var record in mine)
        {
            if (!byId.TryGetValue(record.StudentId, out var kept))
            {
                stored.Roster.Add(record);
                byId[record.StudentId] = record;
                continue;
            }
            if (record.LastProgressAt > kept.LastProgressAt)
            {
                kept.LastProgressAt = record.LastProgressAt;
            }
            for (var i = 0; i < kept.Runs.Length; i++)
            {
                kept.Predictions[i] ??= record.Predictions[i];
                kept.Runs[i] = Math.Max(kept.Runs[i], record.Runs[i]);
                kept.Reflected[i] |= record.Reflected[i];
                kept.Outcomes[i] ??= record.Outcomes[i];
            }
        }
    }
}
