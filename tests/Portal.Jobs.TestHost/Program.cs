using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Data;
using Portal.Jobs.TestHost;
using Portal.Provisioning;
using Portal.Provisioning.Jobs;

// Usage: Portal.Jobs.TestHost <data-directory> [--enqueue]
// Runs the portal's job host (AddPortalData + AddPortalProvisioning + a slow test handler) on the data directory.
// With --enqueue it queues one slow job and prints "QUEUED <id>"; the handler prints "RUNNING <id>" once it runs.
// It stops gracefully when standard input closes; the crash drill kills it with SIGKILL instead.
if (args.Length is < 1 or > 2 || (args.Length == 2 && args[1] != "--enqueue"))
{
    await Console.Error.WriteLineAsync("Usage: Portal.Jobs.TestHost <data-directory> [--enqueue]");
    return 2;
}

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Portal:DataDirectory"] = args[0],
    // AddPortalProvisioning also registers the Pulumi driver, whose options require a passphrase; no CLI runs here.
    ["Pulumi:ConfigPassphrase"] = "crash-drill",
    ["Jobs:LeaseDuration"] = "00:00:02",
    ["Jobs:HeartbeatInterval"] = "00:00:00.500",
});
builder.Logging.ClearProviders();
builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
builder.AddPortalData();
builder.AddPortalProvisioning();
builder.Services.AddJobHandler<SlowTickerJobHandler>(SlowTickerJobHandler.Kind);

using var host = builder.Build();
await host.StartAsync();
if (args.Length == 2)
{
    var queue = host.Services.GetRequiredService<IJobQueue>();
    var jobId = await queue.EnqueueAsync(new JobRequest { Kind = SlowTickerJobHandler.Kind, Title = "Crash drill", RequestedBy = "crash-drill" });
    await Console.Out.WriteLineAsync($"QUEUED {jobId}");
}

await Console.In.ReadToEndAsync();
await host.StopAsync();
return 0;
