using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Data.Redaction;
using Portal.Web.Hosting;

namespace Portal.Web.Tests.Security;

/// <summary>
/// Structured providers read the log state's key/values and the scopes, not only the formatted message: a registered
/// secret must be masked there too, while the values keep their types so those providers still work.
/// </summary>
public sealed partial class StructuredLogRedactionTests
{
    private const string Secret = "s3cret-db-password-42";

    [Fact]
    public void Log_SecretInStateValuesAndScopes_NeverReachesStructuredProvidersOrTheJsonConsoleFormatter()
    {
        var redactor = new SecretRedactor();
        redactor.Register(Secret);
        var structured = new StructuredStateCapturingProvider();
        using var json = new JsonConsoleCapturingProvider();
        var services = new ServiceCollection()
            .AddSingleton<ISecretRedactor>(redactor)
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace))
            .AddSingleton<ILoggerProvider>(structured)
            .AddSingleton<ILoggerProvider>(json)
            .AddSecretRedactionToLogging();
        using (var provider = services.BuildServiceProvider())
        {
            var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("Portal.Tests");

            using (logger.BeginScope(new Dictionary<string, object?> { ["Password"] = Secret, ["Attempt"] = 3 }))
            using (logger.BeginScope("connecting with {Password}", Secret))
            using (logger.BeginScope(Secret))
            {
                LogConnecting(logger, Secret, 5432);
#pragma warning disable CA1848, CA2254 // The point: an ad-hoc template, as any library may log.
                logger.LogInformation("{X}", Secret);
                logger.LogInformation("Using " + Secret + " as {What}", new Credentials("app", Secret));
#pragma warning restore CA1848, CA2254
            }
        }

        // Structured state: every value and the state text are masked; non-secret values keep their type.
        Assert.Equal(3, structured.StructuredEntries);
        Assert.NotEmpty(structured.Texts);
        Assert.All(structured.Texts, text => Assert.DoesNotContain(Secret, text, StringComparison.Ordinal));
        Assert.Contains(structured.Values, v => v.Key == "Password" && Equals(v.Value, SecretRedactor.Mask));
        Assert.Contains(structured.Values, v => v.Key == "Port" && v.Value is int port && port == 5432);
        Assert.Contains(structured.Values, v => v.Key == "{OriginalFormat}" && Equals(v.Value, "Connecting to the database with {Password} on port {Port}"));
        Assert.Contains(structured.Texts, t => t == "Attempt=3");

        // The real JSON console formatter: one JSON line per entry, no secret anywhere, typed values kept.
        var lines = json.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.DoesNotContain(Secret, json.Output, StringComparison.Ordinal);
        using var first = JsonDocument.Parse(lines[0]);
        var state = first.RootElement.GetProperty("State");
        Assert.Equal(5432, state.GetProperty("Port").GetInt32());
        Assert.Equal(SecretRedactor.Mask, state.GetProperty("Password").GetString());
        Assert.Equal("Connecting to the database with [secret] on port 5432", state.GetProperty("Message").GetString());
        Assert.Equal(3, first.RootElement.GetProperty("Scopes").GetArrayLength());
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Connecting to the database with {Password} on port {Port}")]
    private static partial void LogConnecting(ILogger logger, string password, int port);

    private sealed record Credentials(string User, string Password);
}
