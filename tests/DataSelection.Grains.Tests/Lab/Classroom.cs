using System.Security.Cryptography;
using System.Text;
using DataSelection.Contracts.Lab;
using DataSelection.Contracts.Sessions;
using DataSelection.Contracts.Students;
using DataSelection.Contracts.Workbench;

namespace DataSelection.Grains.Tests.Lab;

/// <summary>Test helpers that act like the gateway: create sessions, join students, reach their grains.</summary>
internal static class Classroom
{
    public const string InstructorKey = "correct horse battery staple";

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static async Task<ISessionGrain> NewSession(IGrainFactory grains)
    {
        var session = grains.GetGrain<ISessionGrain>(Guid.NewGuid().ToString("N")[..8].ToUpperInvariant());
        await session.Create("Test class", Hash(InstructorKey));
        return session;
    }

    public static async Task<Student> Join(IGrainFactory grains, ISessionGrain session, string name = "Ada", string track = "cloud-titan")
    {
        var code = session.GetPrimaryKeyString();
        var id = await session.Join(name, track);
        return new Student(grains, code, id);
    }

    internal sealed record Student(IGrainFactory Grains, string Code, string Id)
    {
        public IStudentGrain Grain => Grains.GetGrain<IStudentGrain>(StudentKey.For(Code, Id));

        public IWorkbenchGrain Workbench(int part) => Grains.GetGrain<IWorkbenchGrain>(StudentKey.ForWorkbench(Code, Id, part));

        public Task<LockRecord> LockPercent(double value) => Grain.Lock(1, new Prediction(value, null));

        public Task<LockRecord> LockChoice(int part, string choice) => Grain.Lock(part, new Prediction(null, choice));
    }

    public static DedupSettings Part1(double threshold = 0.8) => new(threshold, 128, 5);

    public static ActiveLearningSettings Part2(int batchSize = 50) => new("margin", batchSize, 500);

    public static DomainGapSettings Part3(double mix = 0.3) => new(mix, 0.3);
}
