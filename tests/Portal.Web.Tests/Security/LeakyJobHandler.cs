using Microsoft.Extensions.Logging;
using Portal.Data.Entities;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Jobs;

namespace Portal.Web.Tests.Security;

/// <summary>
/// A careless handler: it reads an environment's secret parameter, then quotes it in a log event, a progress event, a
/// log line, its result and its exception. The redaction layer must mask every one of them.
/// </summary>
internal sealed partial class LeakyJobHandler(EnvironmentStore store, ILogger<LeakyJobHandler> logger) : IJobHandler
{
    public const string Kind = "test.leak";

    public async Task ExecuteAsync(JobExecutionContext context)
    {
        var secrets = await store.ReadSecretsAsync(context.EnvironmentId!.Value, EnvironmentSecretKind.Parameter, context.CancellationToken);
        var secret = secrets["databasePassword"];
        await context.LogAsync($"connecting to the database with password {secret}");
        await context.ReportProgressAsync($"still using {secret}", new { password = secret });
        LogCareless(logger, secret);
        context.Result = new { password = secret };
        throw new InvalidOperationException($"the database refused password {secret}");
    }

    [LoggerMessage(LogLevel.Warning, "Connecting with password {Password}")]
    private static partial void LogCareless(ILogger logger, string password);
}
