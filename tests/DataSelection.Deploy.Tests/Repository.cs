namespace DataSelection.Deploy.Tests;

/// <summary>Paths in the repository this test assembly was built from.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string DeployDirectory => Path.Combine(Root, "deploy");

    public static string ReadDeployFile(string relativePath) =>
        File.ReadAllText(Path.Combine(DeployDirectory, relativePath));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DataSelection.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No DataSelection.sln above {AppContext.BaseDirectory}.");
    }
}
