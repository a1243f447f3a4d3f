using DataSelection.Grains.Hosting;

namespace DataSelection.Deploy.Tests;

/// <summary>What <c>kubectl kustomize deploy/k8s</c> must contain for the Orleans cluster to run safely.</summary>
public sealed class KubernetesManifestTests(RenderedManifests manifests) : IClassFixture<RenderedManifests>
{
    private const string Namespace = "dataselection";
    private static readonly string ShutdownTimeoutVariable = EnvironmentName(LabSiloSettings.ShutdownTimeoutSecondsKey);

    [Fact]
    public void The_manifests_run_redis_silos_and_gateways_in_their_own_namespace()
    {
        Assert.Equal(Namespace, manifests.Single("Namespace", Namespace)["metadata"]["name"].Text);
        Assert.Equal("StatefulSet", manifests.Single("StatefulSet", "redis")["kind"].Text);
        Assert.Equal("Deployment", manifests.Single("Deployment", "silo")["kind"].Text);
        Assert.Equal("Deployment", manifests.Single("Deployment", "gateway")["kind"].Text);
        Assert.All(
            manifests.Documents.Where(document => document["kind"].Text != "Namespace"),
            document => Assert.True(document["metadata"]["namespace"].Text == Namespace, $"{document["kind"].Text} {document["metadata"]["name"].Text} is not in {Namespace}"));
    }

    [Fact]
    public void Every_container_has_startup_readiness_and_liveness_probes()
    {
        var containers = manifests.Workloads.SelectMany(RenderedManifests.Containers).ToList();
        Assert.NotEmpty(containers);
        Assert.All(containers, container =>
        {
            foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
            {
                Assert.True(container[probe].Exists, $"{container["name"].Text} has no {probe}");
            }
        });
    }

    [Theory]
    [InlineData("silo")]
    [InlineData("gateway")]
    public void The_lab_hosts_are_probed_on_their_health_endpoints_on_the_http_port(string deployment)
    {
        var container = Assert.Single(RenderedManifests.Containers(manifests.Single("Deployment", deployment)));
        var httpPort = container["ports"].Items.Single(port => port["name"].Text == "http")["containerPort"].Integer;
        Assert.Equal(8080, httpPort);
        Assert.EndsWith(":8080", manifests.LiteralEnvironment(container, "Urls"), StringComparison.Ordinal);

        Assert.Equal("/health/live", container["startupProbe"]["httpGet"]["path"].Text);
        Assert.Equal("/health/ready", container["readinessProbe"]["httpGet"]["path"].Text);
        Assert.Equal("/health/live", container["livenessProbe"]["httpGet"]["path"].Text);
        foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
        {
            Assert.Contains(container[probe]["httpGet"]["port"].Text, new[] { "http", "8080" });
        }
    }

    [Theory]
    [InlineData("silo")]
    [InlineData("gateway")]
    public void The_termination_grace_period_is_longer_than_the_hosts_shutdown_timeout_and_its_pre_stop_pause(string deployment)
    {
        var workload = manifests.Single("Deployment", deployment);
        var container = Assert.Single(RenderedManifests.Containers(workload));
        var configured = manifests.LiteralEnvironment(container, ShutdownTimeoutVariable);
        var shutdownSeconds = configured is null ? (int)LabSiloSettings.DefaultShutdownTimeout.TotalSeconds : int.Parse(configured, System.Globalization.CultureInfo.InvariantCulture);
        var preStopSeconds = container["lifecycle"]["preStop"]["exec"]["command"].Items.Select(item => item.Text).ToList() is [.., "sleep", var seconds]
            ? int.Parse(seconds!, System.Globalization.CultureInfo.InvariantCulture)
            : 0;

        var grace = workload["spec"]["template"]["spec"]["terminationGracePeriodSeconds"];
        Assert.True(grace.Exists, $"{deployment} has no terminationGracePeriodSeconds (the default 30 s is not longer than the shutdown timeout)");
        Assert.True(grace.Integer > preStopSeconds + shutdownSeconds, $"{deployment}: grace {grace.Integer} s is not longer than preStop {preStopSeconds} s + shutdown {shutdownSeconds} s");
    }

    [Theory]
    [InlineData("silo")]
    [InlineData("gateway")]
    public void A_pod_disruption_budget_keeps_voluntary_evictions_to_one_pod_at_a_time(string deployment)
    {
        var podLabels = manifests.Single("Deployment", deployment)["spec"]["template"]["metadata"]["labels"].Entries;
        var budget = manifests.OfKind("PodDisruptionBudget").SingleOrDefault(candidate =>
            candidate["spec"]["selector"]["matchLabels"].Entries.All(label => podLabels.TryGetValue(label.Key, out var value) && value.Text == label.Value.Text)
            && candidate["spec"]["selector"]["matchLabels"].Entries.Count > 0);

        Assert.True(budget is not null, $"no PodDisruptionBudget selects the {deployment} pods");
        Assert.Equal("policy/v1", budget["apiVersion"].Text);
        var replicas = manifests.Single("Deployment", deployment)["spec"]["replicas"].Integer;
        Assert.True(replicas >= 2, $"{deployment} runs {replicas} replica(s): a budget cannot keep one serving while another is evicted");
        if (budget["spec"]["maxUnavailable"].Exists)
        {
            Assert.Equal(1, budget["spec"]["maxUnavailable"].Integer);
        }
        else
        {
            Assert.InRange(budget["spec"]["minAvailable"].Integer, 1, replicas - 1);
        }
    }

    [Fact]
    public void Every_container_requests_cpu_and_none_has_a_cpu_limit()
    {
        Assert.All(manifests.Workloads.SelectMany(RenderedManifests.Containers), container =>
        {
            Assert.True(container["resources"]["requests"]["cpu"].Exists, $"{container["name"].Text} requests no CPU");
            Assert.False(container["resources"]["limits"]["cpu"].Exists, $"{container["name"].Text} has a CPU limit: throttled silos miss membership probes");
            Assert.True(container["resources"]["limits"]["memory"].Exists, $"{container["name"].Text} has no memory limit");
        });
    }

    [Fact]
    public void Silos_advertise_their_pod_ip_and_know_their_pod_name_namespace_and_orleans_ids_from_the_downward_api()
    {
        var workload = manifests.Single("Deployment", "silo");
        var container = Assert.Single(RenderedManifests.Containers(workload));

        Assert.Equal("status.podIP", FieldPath(container, EnvironmentName(LabSiloSettings.AdvertisedAddressKey)));
        Assert.Equal("status.podIP", FieldPath(container, "POD_IP"));
        Assert.Equal("metadata.name", FieldPath(container, "POD_NAME"));
        Assert.Equal("metadata.namespace", FieldPath(container, "POD_NAMESPACE"));
        Assert.Equal("metadata.labels['orleans/clusterId']", FieldPath(container, "ORLEANS_CLUSTER_ID"));
        Assert.Equal("metadata.labels['orleans/serviceId']", FieldPath(container, "ORLEANS_SERVICE_ID"));

        // The labels Orleans tooling reads must name the cluster the silo actually joins.
        var labels = workload["spec"]["template"]["metadata"]["labels"];
        Assert.Equal(manifests.LiteralEnvironment(container, EnvironmentName(LabSiloSettings.ClusterIdKey)), labels["orleans/clusterId"].Text);
        Assert.Equal(manifests.LiteralEnvironment(container, EnvironmentName(LabSiloSettings.ServiceIdKey)), labels["orleans/serviceId"].Text);

        var ports = container["ports"].Items.Select(port => port["containerPort"].Integer).ToList();
        Assert.Contains(int.Parse(manifests.LiteralEnvironment(container, EnvironmentName(LabSiloSettings.SiloPortKey)) ?? "11111", System.Globalization.CultureInfo.InvariantCulture), ports);
        Assert.Contains(int.Parse(manifests.LiteralEnvironment(container, EnvironmentName(LabSiloSettings.GatewayPortKey)) ?? "30000", System.Globalization.CultureInfo.InvariantCulture), ports);
    }

    [Fact]
    public void Silos_run_in_cluster_mode_and_gateways_in_client_mode_on_the_same_redis_and_cluster()
    {
        var silo = Assert.Single(RenderedManifests.Containers(manifests.Single("Deployment", "silo")));
        var gateway = Assert.Single(RenderedManifests.Containers(manifests.Single("Deployment", "gateway")));
        var modeVariable = EnvironmentName(LabSiloSettings.ModeKey);

        Assert.Equal("cluster", manifests.LiteralEnvironment(silo, modeVariable));
        Assert.Equal("client", manifests.LiteralEnvironment(gateway, modeVariable));
        foreach (var key in new[] { LabSiloSettings.ClusterIdKey, LabSiloSettings.ServiceIdKey })
        {
            Assert.Equal(manifests.LiteralEnvironment(silo, EnvironmentName(key)), manifests.LiteralEnvironment(gateway, EnvironmentName(key)));
        }

        var siloRedis = RenderedManifests.Environment(silo, EnvironmentName(LabSiloSettings.RedisKey));
        var gatewayRedis = RenderedManifests.Environment(gateway, EnvironmentName(LabSiloSettings.RedisKey));
        Assert.NotNull(siloRedis);
        Assert.NotNull(gatewayRedis);
        var secretName = siloRedis["valueFrom"]["secretKeyRef"]["name"].Text;
        var secretKey = siloRedis["valueFrom"]["secretKeyRef"]["key"].Text;
        Assert.Equal(secretName, gatewayRedis["valueFrom"]["secretKeyRef"]["name"].Text);
        Assert.Equal(secretKey, gatewayRedis["valueFrom"]["secretKeyRef"]["key"].Text);
        Assert.True(manifests.Single("Secret", secretName!)["stringData"][secretKey!].Exists, $"secret {secretName} has no key {secretKey}");
    }

    [Fact]
    public void Gateways_take_the_token_key_from_a_secret_whose_placeholder_the_gateway_refuses()
    {
        var gateway = Assert.Single(RenderedManifests.Containers(manifests.Single("Deployment", "gateway")));
        var tokenKey = RenderedManifests.Environment(gateway, "DataSelection__TokenKey");
        Assert.NotNull(tokenKey);
        var secret = manifests.Single("Secret", tokenKey["valueFrom"]["secretKeyRef"]["name"].Text!);
        var placeholder = secret["stringData"][tokenKey["valueFrom"]["secretKeyRef"]["key"].Text!].Text;

        // A known key that the gateway accepted would let anyone forge student tokens.
        Assert.NotNull(placeholder);
        Assert.True(placeholder.Length < 32, "the committed token key placeholder is long enough for the gateway to accept it");
    }

    [Fact]
    public void The_gateway_ingress_keeps_websockets_open_and_each_browser_on_one_gateway()
    {
        var ingress = Assert.Single(manifests.OfKind("Ingress"));
        var annotations = ingress["metadata"]["annotations"];
        Assert.True(annotations["nginx.ingress.kubernetes.io/proxy-read-timeout"].Integer >= 3600);
        Assert.True(annotations["nginx.ingress.kubernetes.io/proxy-send-timeout"].Integer >= 3600);
        Assert.Equal("1.1", annotations["nginx.ingress.kubernetes.io/proxy-http-version"].Text);
        Assert.Equal("cookie", annotations["nginx.ingress.kubernetes.io/affinity"].Text);

        var backend = Assert.Single(Assert.Single(ingress["spec"]["rules"].Items)["http"]["paths"].Items)["backend"]["service"];
        var service = manifests.Single("Service", backend["name"].Text!);
        var servicePort = service["spec"]["ports"].Items.Single(port => port["name"].Text == backend["port"]["name"].Text);
        var gatewayPods = manifests.Single("Deployment", "gateway")["spec"]["template"];
        Assert.All(service["spec"]["selector"].Entries, label => Assert.Equal(label.Value.Text, gatewayPods["metadata"]["labels"][label.Key].Text));
        Assert.Contains(
            Assert.Single(gatewayPods["spec"]["containers"].Items)["ports"].Items,
            port => port["name"].Text == servicePort["targetPort"].Text || port["containerPort"].Text == servicePort["targetPort"].Text);
    }

    [Fact]
    public void Every_pod_runs_as_a_non_root_user_without_privilege_escalation()
    {
        Assert.All(manifests.Workloads, workload =>
        {
            var pod = workload["spec"]["template"]["spec"];
            Assert.Equal("true", pod["securityContext"]["runAsNonRoot"].Text);
            Assert.True(pod["securityContext"]["runAsUser"].Integer > 0, $"{workload["metadata"]["name"].Text} runs as root");
            Assert.Equal("RuntimeDefault", pod["securityContext"]["seccompProfile"]["type"].Text);
            Assert.All(RenderedManifests.Containers(workload), container =>
            {
                Assert.Equal("false", container["securityContext"]["allowPrivilegeEscalation"].Text);
                Assert.Contains("ALL", container["securityContext"]["capabilities"]["drop"].Items.Select(item => item.Text));
                Assert.False(container["securityContext"]["privileged"].Text == "true");
            });
        });
    }

    [Fact]
    public void Redis_keeps_an_append_only_file_fsynced_on_every_write_on_a_persistent_volume()
    {
        var redis = manifests.Single("StatefulSet", "redis");
        var container = Assert.Single(RenderedManifests.Containers(redis));
        var arguments = container["command"].Items.Concat(container["args"].Items).Select(item => item.Text).ToList();

        Assert.Equal("yes", ValueAfter(arguments, "--appendonly"));
        Assert.Equal("always", ValueAfter(arguments, "--appendfsync"));
        Assert.Equal("noeviction", ValueAfter(arguments, "--maxmemory-policy"));

        var claim = Assert.Single(redis["spec"]["volumeClaimTemplates"].Items);
        var mount = container["volumeMounts"].Items.Single(volume => volume["name"].Text == claim["metadata"]["name"].Text);
        Assert.Equal(ValueAfter(arguments, "--dir") ?? "/data", mount["mountPath"].Text);
        Assert.True(claim["spec"]["resources"]["requests"]["storage"].Exists);
        Assert.False(redis["spec"]["template"]["spec"]["volumes"].Items.Any(volume => volume["name"].Text == claim["metadata"]["name"].Text),
            "a pod volume shadows the persistent volume claim");

        // The connection string the hosts use must name this Redis.
        var redisService = manifests.Single("Service", redis["spec"]["serviceName"].Text!);
        var connection = manifests.Single("Secret", "dataselection-secrets")["stringData"]["redis"].Text;
        Assert.Contains($"{redisService["metadata"]["name"].Text}:{redisService["spec"]["ports"].Items[0]["port"].Text}", connection, StringComparison.Ordinal);
    }

    private static string? ValueAfter(List<string?> arguments, string flag)
    {
        var index = arguments.IndexOf(flag);
        return index >= 0 && index + 1 < arguments.Count ? arguments[index + 1] : null;
    }

    private static string? FieldPath(Yaml container, string variable) =>
        RenderedManifests.Environment(container, variable)?["valueFrom"]["fieldRef"]["fieldPath"].Text;

    private static string EnvironmentName(string configurationKey) => configurationKey.Replace(":", "__", StringComparison.Ordinal);
}
