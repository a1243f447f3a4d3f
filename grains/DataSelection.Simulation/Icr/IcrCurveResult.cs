namespace DataSelection.Simulation.Icr;

/// <summary>
/// The measured ICR curve of Part 1: the same bigram model trained on the raw stream and on the
/// deduplicated stream, checkpoint by checkpoint, with what the difference is worth.
/// </summary>
/// <param name="Raw">The run on every document: the untrained origin, then one point per checkpoint.</param>
/// <param name="Deduplicated">The run on the kept documents, at the same checkpoints of the raw stream.</param>
/// <param name="VocabularySize">V.</param>
/// <param name="UntrainedLoss">log V: held-out loss of the uniform model, the zero of learning progress.</param>
/// <param name="HeldOutDocuments">Held-out documents the loss was measured on.</param>
/// <param name="HeldOutTokens">Held-out tokens the loss was measured on.</param>
/// <param name="RawDocuments">Documents in the raw stream.</param>
/// <param name="KeptDocuments">Documents deduplication kept.</param>
/// <param name="RawTokens">Tokens in the raw stream.</param>
/// <param name="KeptTokens">Tokens in the kept documents.</param>
/// <param name="RemovedDocumentFraction">Share of documents deduplication removed.</param>
/// <param name="RemovedTokenFraction">Share of tokens deduplication removed (f; FLOPs fall by exactly this share).</param>
/// <param name="Compute">How generated tokens are priced in FLOPs of the notional model.</param>
/// <param name="RawFlops">Training FLOPs of the raw run.</param>
/// <param name="DeduplicatedFlops">Training FLOPs of the deduplicated run.</param>
/// <param name="Savings">FLOPs, accelerator-hours and dollars the deduplicated run saves.</param>
/// <param name="RawFinalLoss">Held-out loss after the whole raw stream.</param>
/// <param name="DeduplicatedFinalLoss">Held-out loss after the whole deduplicated stream.</param>
/// <param name="InformationRetained">Final learning progress of the deduplicated run over that of the raw run; null if the raw run learned nothing.</param>
/// <param name="MeasuredIcrGain">Final cumulative ICR of the deduplicated run over that of the raw run; null where undefined.</param>
/// <param name="ReferenceIcrGain">The book's 1/(1 − f), which assumes the removed tokens carried no information; null if everything was removed.</param>
/// <param name="RawTrainingTime">The Iron Law for the raw run.</param>
/// <param name="DeduplicatedTrainingTime">The Iron Law for the deduplicated run.</param>
/// <param name="EquivalentPeakSpeedup">The factor R_peak would have to grow by for the raw run to compute as fast as the deduplicated one; null if nothing was kept.</param>
public sealed record IcrCurveResult(
    IReadOnlyList<IcrPoint> Raw,
    IReadOnlyList<IcrPoint> Deduplicated,
    int VocabularySize,
    double UntrainedLoss,
    int HeldOutDocuments,
    long HeldOutTokens,
    int RawDocuments,
    int KeptDocuments,
    long RawTokens,
    long KeptTokens,
    double RemovedDocumentFraction,
    double RemovedTokenFraction,
    TrainingCompute Compute,
    double RawFlops,
    double DeduplicatedFlops,
    ComputeSavings Savings,
    double RawFinalLoss,
    double DeduplicatedFinalLoss,
    double? InformationRetained,
    double? MeasuredIcrGain,
    double? ReferenceIcrGain,
    IronLaw RawTrainingTime,
    IronLaw DeduplicatedTrainingTime,
    double? EquivalentPeakSpeedup);
