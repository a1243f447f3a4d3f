using System.Text.RegularExpressions;

namespace DataSelection.Deploy.Tests;

/// <summary>
/// The Dockerfiles cannot be built here (no Docker engine), so these read them: what they copy must
/// exist, the image must start the project it publishes, as a non-root user, with the lab's ports.
/// </summary>
public sealed partial class DockerfileTests
{
    [Theory]
    [InlineData("silo.Dockerfile", "silo/DataSelection.Silo.csproj")]
    [InlineData("gateway.Dockerfile", "gateway/DataSelection.Gateway.csproj")]
    public void The_image_builds_in_the_sdk_and_runs_the_published_project_on_the_aspnet_runtime(string dockerfile, string project)
    {
        var instructions = Read(dockerfile);
        var stages = Stages(instructions);

        Assert.Contains(stages.SkipLast(1), stage => stage[0].Argument.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", StringComparison.Ordinal));
        var runtime = stages[^1];
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", runtime[0].Argument, StringComparison.Ordinal);
        Assert.Contains(runtime, instruction => instruction.Name == "COPY" && instruction.Argument.StartsWith("--from=build /app", StringComparison.Ordinal));

        Assert.True(File.Exists(Path.Combine(Repository.Root, project)), $"{project} does not exist");
        Assert.Contains(instructions, instruction => instruction.Name == "RUN" && instruction.Argument.Contains($"dotnet publish {project}", StringComparison.Ordinal));
        var entryPoint = Assert.Single(runtime, instruction => instruction.Name == "ENTRYPOINT").Argument;
        Assert.Equal($"[\"dotnet\", \"{Path.GetFileNameWithoutExtension(project)}.dll\"]", entryPoint);
    }

    [Theory]
    [InlineData("silo.Dockerfile")]
    [InlineData("gateway.Dockerfile")]
    public void The_image_runs_as_the_unprivileged_app_user_with_no_healthcheck_and_the_lab_ports_exposed(string dockerfile)
    {
        var instructions = Read(dockerfile);
        var runtime = Stages(instructions)[^1];

        var user = runtime.Last(instruction => instruction.Name == "USER").Argument;
        Assert.Equal("$APP_UID", user);
        Assert.DoesNotContain(instructions, instruction => instruction.Name == "HEALTHCHECK");
        var exposed = runtime.Where(instruction => instruction.Name == "EXPOSE").SelectMany(instruction => instruction.Argument.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(["11111", "30000", "8080"], exposed.Order(StringComparer.Ordinal));
        Assert.Contains(runtime, instruction => instruction.Name == "ENV" && instruction.Argument.Contains("Urls=http://+:8080", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("silo.Dockerfile")]
    [InlineData("gateway.Dockerfile")]
    public void Everything_the_dockerfile_copies_from_the_repository_exists(string dockerfile)
    {
        var copies = Read(dockerfile).Where(instruction => instruction.Name == "COPY" && !instruction.Argument.StartsWith("--from=", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(copies);
        Assert.All(copies, copy =>
        {
            var sources = copy.Argument.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1);
            Assert.All(sources, source => Assert.True(
                File.Exists(Path.Combine(Repository.Root, source)) || Directory.Exists(Path.Combine(Repository.Root, source)),
                $"{dockerfile} copies {source}, which is not in the repository"));
        });
    }

    [Theory]
    [InlineData("silo.Dockerfile")]
    [InlineData("gateway.Dockerfile")]
    public void The_build_context_leaves_out_build_outputs_node_modules_and_git(string dockerfile)
    {
        var ignored = File.ReadAllLines(Path.Combine(Repository.DeployDirectory, "docker", dockerfile + ".dockerignore"))
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Superset(new HashSet<string>(["**/bin/", "**/obj/", "**/node_modules/", ".git/"], StringComparer.Ordinal), ignored);
    }

    private sealed record Instruction(string Name, string Argument);

    private static List<Instruction> Read(string dockerfile)
    {
        var text = File.ReadAllText(Path.Combine(Repository.DeployDirectory, "docker", dockerfile));
        var lines = text.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => !line.TrimStart().StartsWith('#'));
        var joined = ContinuedLine().Replace(string.Join('\n', lines), " ");
        return joined.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0)
            .Select(line => line.Split(' ', 2) is [var name, var argument] ? new Instruction(name.ToUpperInvariant(), WhiteSpace().Replace(argument.Trim(), " ")) : new Instruction(line.ToUpperInvariant(), ""))
            .ToList();
    }

    private static List<List<Instruction>> Stages(List<Instruction> instructions)
    {
        var stages = new List<List<Instruction>>();
        foreach (var instruction in instructions)
        {
            if (instruction.Name == "FROM")
            {
                stages.Add([]);
            }
            if (stages.Count > 0)
            {
                stages[^1].Add(instruction);
            }
        }
        return stages;
    }

    [GeneratedRegex(@"\\\s*\n")]
    private static partial Regex ContinuedLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
