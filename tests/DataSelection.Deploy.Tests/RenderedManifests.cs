using System.Diagnostics;

namespace DataSelection.Deploy.Tests;

/// <summary>
/// <c>deploy/k8s</c> rendered once by <c>kubectl kustomize</c>, as the cluster would receive it.
/// Without kubectl every test that uses this fails: test.sh installs it (Debian's kubernetes-client).
/// </summary>
public sealed class RenderedManifests
{
    private static readonly TimeSpan RenderTimeout = TimeSpan.FromMinutes(2);

    public RenderedManifests()
    {
        Documents = Yaml.LoadAll(Render(Path.Combine(Repository.DeployDirectory, "k8s")), "kustomize");
    }

    internal IReadOnlyList<Yaml> Documents { get; }

    internal IEnumerable<Yaml> OfKind(string kind) => Documents.Where(document => document["kind"].Text == kind);

    internal Yaml Single(string kind, string name)
    {
        var matches = OfKind(kind).Where(document => document["metadata"]["name"].Text == name).ToList();
        Assert.True(matches.Count == 1, $"expected one {kind} named '{name}' in the rendered manifests, found {matches.Count}");
        return matches[0];
    }

    /// <summary>Deployments and StatefulSets: everything that runs pods.</summary>
    internal IEnumerable<Yaml> Workloads => Documents.Where(document => document["kind"].Text is "Deployment" or "StatefulSet");

    internal static IReadOnlyList<Yaml> Containers(Yaml workload) =>
        [.. workload["spec"]["template"]["spec"]["initContainers"].Items, .. workload["spec"]["template"]["spec"]["containers"].Items];

    /// <summary>
    /// The value a container sees for an environment variable given as a literal, directly or
    /// through an <c>envFrom</c> ConfigMap; null when it is absent or comes from elsewhere.
    /// </summary>
    internal string? LiteralEnvironment(Yaml container, string name)
    {
        var direct = container["env"].Items.LastOrDefault(variable => variable["name"].Text == name);
        if (direct is not null)
        {
            return direct["value"].Text;
        }
        foreach (var source in container["envFrom"].Items.Reverse())
        {
            var configMap = source["configMapRef"]["name"].Text;
            if (configMap is not null && Single("ConfigMap", configMap)["data"].Entries.TryGetValue(name, out var value))
            {
                return value.Text;
            }
        }
        return null;
    }

    internal static Yaml? Environment(Yaml container, string name) =>
        container["env"].Items.LastOrDefault(variable => variable["name"].Text == name);

    private static string Render(string directory)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(directory);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("kubectl did not start.");
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException(
                "kubectl is not installed, so deploy/k8s cannot be rendered: run test.sh (it installs Debian's kubernetes-client) or apt-get install kubernetes-client.",
                exception);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(RenderTimeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"kubectl kustomize {directory} did not finish within {RenderTimeout}.");
            }
            process.WaitForExit();
            return process.ExitCode == 0
                ? output.GetAwaiter().GetResult()
                : throw new InvalidOperationException($"kubectl kustomize {directory} failed ({process.ExitCode}): {errors.GetAwaiter().GetResult()}");
        }
    }
}
