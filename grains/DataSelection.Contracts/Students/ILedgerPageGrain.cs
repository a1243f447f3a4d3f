using System.Collections.Immutable;

namespace DataSelection.Contracts.Students;

/// <summary>
/// A full page of a student's Ledger, sealed (key: <see cref="StudentKey.ForLedgerPage"/>): the student
/// grain keeps only the Ledger's open tail in its own state, so what a run writes does not grow with the
/// Ledger. A page never changes once sealed.
/// </summary>
public interface ILedgerPageGrain : IGrainWithStringKey
{
    /// <summary>Stores the page's entries (durable on return). Sealing the same entries again is harmless.</summary>
    Task Seal(ImmutableArray<LedgerEntry> entries);

    /// <summary>The page's entries (empty before it is sealed).</summary>
    Task<ImmutableArray<LedgerEntry>> Read();
}
