using DataSelection.Grains.Hosting;

namespace DataSelection.Gateway.Hosting;

/// <summary>
/// Stand-in for the shared <c>LabSiloConfiguration</c> until it lands on main: one localhost silo
/// with in-memory storage. Deleted on the merge that brings the real one.
/// </summary>
internal static class InterimSiloConfiguration
{
    public static ISiloBuilder ConfigureLabSilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var siloPort = configuration.GetValue("DataSelection:SiloPort", 11111);
        var gatewayPort = configuration.GetValue("DataSelection:GatewayPort", 30000);
        silo.Services.AddLabGrainServices();
        return silo.UseLocalhostClustering(siloPort, gatewayPort).AddMemoryGrainStorage(LabStorage.Name).AddMemoryGrainStorageAsDefault();
    }

    public static string DataDirectory(IConfiguration configuration) =>
        Path.GetFullPath(configuration["DataSelection:DataDirectory"] is { Length: > 0 } configured ? configured : "./data");
}
