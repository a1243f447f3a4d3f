using System.Collections.Concurrent;
using DataSelection.Grains.Hosting;
using DataSelection.Grains.Storage;
using DataSelection.Grains.Tests.Faults;
using DataSelection.Grains.Workbench;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace DataSelection.Gateway.Tests.Faults;

/// <summary>
/// The gateway whose embedded silo keeps state in its real SQLite store behind <see cref="FaultyGrainStorage"/> and
/// runs <see cref="FaultySimulationEngine"/>; every error the gateway logs is kept in <see cref="Errors"/>.
/// </summary>
public sealed class FaultGatewayFactory : LabGatewayFactory
{
    private SqliteGrainStorage? _sqlite;
    private FaultyGrainStorage? _storage;

    public FaultySimulationEngine Engine { get; } = new();

    public FaultyGrainStorage Storage => _storage ?? throw new InvalidOperationException("The silo has not used its storage yet.");

    /// <summary>Log entries at Error or above, as "category: message".</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(Engine);
            services.AddSingleton<ISimulationEngine>(Engine);
            services.AddKeyedSingleton<IGrainStorage>(LabStorage.Name, (provider, _) =>
            {
                _sqlite = ActivatorUtilities.CreateInstance<SqliteGrainStorage>(provider, LabStorage.Name,
                    provider.GetRequiredService<IOptionsMonitor<SqliteGrainStorageOptions>>().Get(LabStorage.Name));
                return _storage = new FaultyGrainStorage(_sqlite);
            });
            services.AddLogging(logging => logging.AddProvider(new ErrorCollector(Errors)));
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _sqlite?.Dispose();
    }

    private sealed class ErrorCollector(ConcurrentQueue<string> errors) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Collector(categoryName, errors);

        public void Dispose()
        {
        }

        private sealed class Collector(string category, ConcurrentQueue<string> errors) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    errors.Enqueue($"{category}: {formatter(state, exception)} {exception?.GetType().Name}");
                }
            }
        }
    }
}
