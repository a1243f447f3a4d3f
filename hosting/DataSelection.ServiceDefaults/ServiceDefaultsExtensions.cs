namespace DataSelection.ServiceDefaults;

/// <summary>Placeholder until the service defaults land.</summary>
internal static class ServiceDefaultsExtensions;
