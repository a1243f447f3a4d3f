using System.Text.Json;
using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Students;
using DataSelection.Contracts.Workbench;
using DataSelection.Gateway.Auth;
using DataSelection.Grains.Workbench;
using DataSelection.ServiceDefaults;

namespace DataSelection.Gateway.Api;

/// <summary>
/// What a student can do, shared by the HTTP API and the lab hub. Every call acts only on the
/// grains of the (session, student) the token is bound to, and every input passes through
/// <see cref="LabInput"/> before any grain sees it.
/// </summary>
public sealed class StudentActions(IGrainFactory grains)
{
    public async Task<MeResponse> GetState(StudentClaims me)
    {
        ArgumentNullException.ThrowIfNull(me);
        var view = await Student(me).GetView().ConfigureAwait(false);
        var results = await Task.WhenAll(view.Parts.Select(async p => p.LatestRun is { } run
            ? await RecordedResults.Of(grains, view.Identity.Track, run.Settings).ConfigureAwait(false)
            : null)).ConfigureAwait(false);
        var parts = view.Parts.Select((p, i) => new PartState(
            p.Part,
            p.Status,
            p.Lock,
            p.Runs,
            p.CountedRunsLeft,
            p.LatestRun is { } run ? new RunInfo(run.RunId, run.RunNumber, run.At, run.Settings, run.Summary, run.FromCache) : null,
            EmbeddedJson.From(results[i]),
            p.Knee,
            p.Reflection,
            p.Score,
            p.Revealed)).ToList();
        var identity = view.Identity;
        return new MeResponse(identity.SessionCode, identity.StudentId, identity.Name, identity.Track, identity.JoinedAt, view.Sequence, parts);
    }

    public Task<LockRecord> Lock(StudentClaims me, int part, JsonElement prediction)
    {
        var checkedPart = Check(LabInput.Part(part));
        var checkedPrediction = Check(LabInput.Prediction(checkedPart.Number, prediction));
        return Student(me).Lock(checkedPart.Number, checkedPrediction);
    }

    public async Task<RunResponse> Run(StudentClaims me, int part, JsonElement? parameters)
    {
        var checkedPart = Check(LabInput.Part(part));
        // The token carries the track (signed), so a run costs no extra grain call to learn it.
        var track = me.Track ?? (await Student(me).GetIdentity().ConfigureAwait(false)).Track;
        var settings = Check(LabInput.Settings(checkedPart.Number, LabCatalog.ScenarioFor(track), parameters));
        var run = await Workbench(me, checkedPart.Number).Run(settings).ConfigureAwait(false);
        LabMetrics.Runs.Add(1, new KeyValuePair<string, object?>("part", run.Part), new KeyValuePair<string, object?>("cached", run.FromCache));
        return RunResponse.From(run);
    }

    public Task<KneeRecord> SubmitKnee(StudentClaims me, JsonElement value) => Student(me).SubmitKnee(Check(LabInput.Knee(value)));

    public Task<ReflectionRecord> Reflect(StudentClaims me, int part, string? text)
    {
        var checkedPart = Check(LabInput.Part(part));
        return Student(me).Reflect(checkedPart.Number, Check(LabInput.Reflection(text)));
    }

    public Task<Ledger> GetLedger(StudentClaims me) => Student(me).GetLedger();

    public static LedgerResponse ToResponse(Ledger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        return new(ledger.Identity, ledger.Entries.Select(e => new LedgerLine(e.Sequence, e.At, e.Kind, e.Part, e.Summary, EmbeddedJson.From(e.Detail))).ToList());
    }

    /// <summary>A refused input becomes a <see cref="LabRule.InvalidInput"/> refusal before any grain is touched.</summary>
    private static T Check<T>(Validated<T> validated) =>
        validated.IsValid ? validated.Value! : throw new LabRuleException(LabRule.InvalidInput, validated.Error!);

    private IStudentGrain Student(StudentClaims me)
    {
        ArgumentNullException.ThrowIfNull(me);
        return grains.GetGrain<IStudentGrain>(StudentKey.For(me.SessionCode, me.StudentId));
    }

    private IWorkbenchGrain Workbench(StudentClaims me, int part) =>
        grains.GetGrain<IWorkbenchGrain>(StudentKey.ForWorkbench(me.SessionCode, me.StudentId, part));
}
