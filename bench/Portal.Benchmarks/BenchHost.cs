using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Data;
using Portal.Provisioning.Jobs;

namespace Portal.Benchmarks;

/// <summary>The portal's data layer and job queue on a real host over a fresh SQLite file in a temp folder, deleted afterwards.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchHost(IHost host, string directory)
    {
        _host = host;
        Directory = directory;
    }

    public string Directory { get; }

    public string DatabasePath => Path.Combine(Directory, "portal.db");

    public IServiceProvider Services => _host.Services;

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public static async Task<BenchHost> StartAsync(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "portal-bench", Guid.NewGuid().ToString("N"));
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var configuration = new Dictionary<string, string?> { ["Portal:DataDirectory"] = directory };
        foreach (var (key, value) in settings ?? [])
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.ClearProviders();
        builder.AddPortalData();
        if (services is not null)
        {
            builder.Services.AddPortalJobs();
            services(builder.Services);
        }

        var host = builder.Build();
        await host.StartAsync();
        if (services is not null)
        {
            var worker = host.Services.GetRequiredService<JobWorker>();
            while (!worker.IsAcceptingJobs)
            {
                await Task.Delay(10);
            }
        }

        return new BenchHost(host, directory);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
