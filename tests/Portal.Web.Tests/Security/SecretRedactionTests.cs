using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Data.Queries;
using Portal.Provisioning.Access;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Jobs;
using Portal.Web.Tests.Endpoints;

namespace Portal.Web.Tests.Security;

/// <summary>
/// Plants secrets (a secret parameter and the kubeconfig the stack exports), runs the operations that handle them,
/// plus a handler that quotes one everywhere it can, then searches the database file, the logs, the audit exports and
/// the job API for them.
/// </summary>
public sealed partial class SecretRedactionTests
{
    private const string PlantedPassword = "planted-Pa55word-7f3a9c";
    private static readonly TimeSpan s_jobTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task PlantedSecrets_NeverReachTheDatabaseLogsExportsOrJobEvents()
    {
        var logs = new CapturingLoggerProvider();
        await using var portal = new PortalWebFactory(new Dictionary<string, string?> { ["Sandbox:Speed"] = "50" });
        await using var factory = portal.WithWebHostBuilder(b => b.ConfigureServices(s =>
        {
            s.AddSingleton<ILoggerProvider>(logs);
            s.AddJobHandler<LeakyJobHandler>(LeakyJobHandler.Kind);
        }));
        using var client = factory.CreateClient();
        var jobs = new List<long>
        {
            await RunAsync(client, "/api/environments", """{"name":"dev-1","template":"eks-environment","class":"development"}"""),
            await RunAsync(client, "/api/environments", $$$"""
                {"name":"svc-1","template":"app-service","class":"development",
                 "parameters":{"cluster":"dev-1","image":"nginx:1.27","databasePassword":"{{{PlantedPassword}}}"}}
                """),
            await RunAsync(client, "/api/environments/svc-1/releases", """{"workload":"app","image":"nginx:1.28"}"""),
            await RunAsync(client, "/api/environments/svc-1/drift-check", ""),
        };
        var update = await client.PatchJsonAsync("/api/environments/svc-1", """{"parameters":{"logLevel":"debug"}}""");
        jobs.Add(await update.AcceptedJobIdAsync());
        Assert.Equal("succeeded", (await client.WaitForJobAsync(jobs[^1], s_jobTimeout)).GetProperty("state").GetString());

        // The kubeconfig output: revealed once (audited), so this process knows its token in clear.
        var reveal = await factory.Services.GetRequiredService<IEnvironmentService>().RevealOutputAsync("dev-1", "kubeconfig", new ActorContext("admin", null) { Roles = PortalRoles.Admin });
        var token = Token().Match(reveal.Value!).Groups["token"].Value;
        Assert.True(token.Length >= 16, "the sandbox kubeconfig carries a bearer token");

        // A handler that quotes the secret in every place it can write to.
        var environment = await factory.Services.GetRequiredService<IEnvironmentQueryService>().FindAsync("svc-1");
        var leak = await factory.Services.GetRequiredService<IJobQueue>().EnqueueAsync(new JobRequest
        {
            Kind = LeakyJobHandler.Kind,
            Title = $"leak {PlantedPassword}",
            EnvironmentId = environment!.Id,
            EnvironmentName = "svc-1",
            RequestedBy = "tester",
            Audit = new JobAudit("test.leak", $"environment/svc-1/{PlantedPassword}", new { password = PlantedPassword }),
        });
        jobs.Add(leak);
        var leakJob = await client.WaitForJobAsync(leak, s_jobTimeout);
        Assert.Equal("failed", leakJob.GetProperty("state").GetString());
        Assert.Contains("refused password [secret]", leakJob.GetProperty("error").GetString(), StringComparison.Ordinal);

        var places = new Dictionary<string, string>
        {
            ["the logs"] = string.Join('\n', logs.Lines),
            ["the audit CSV export"] = await client.GetStringAsync("/api/audit/export?format=csv"),
            ["the audit JSON export"] = await client.GetStringAsync("/api/audit/export?format=json"),
        };
        foreach (var job in jobs)
        {
            places[$"job {job}"] = await client.GetStringAsync($"/api/jobs/{job}?take=1000");
        }

        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(portal.DataDirectory, "portal.db*"))
        {
            places[Path.GetFileName(file)] = await ReadSharedAsync(file);
        }

        Assert.Contains("Connecting with password [secret]", places["the logs"], StringComparison.Ordinal);
        foreach (var (place, text) in places)
        {
            Assert.False(text.Contains(PlantedPassword, StringComparison.Ordinal), $"the secret parameter is in {place}");
            Assert.False(text.Contains(token, StringComparison.Ordinal), $"the kubeconfig token is in {place}");
        }

        var verify = await client.PostAsync("/api/audit/verify", null);
        Assert.True((await verify.ReadJsonAsync()).GetProperty("isValid").GetBoolean());
    }

    private static async Task<long> RunAsync(HttpClient client, string path, string body)
    {
        var response = await client.PostJsonAsync(path, body);
        var jobId = await response.AcceptedJobIdAsync();
        var job = await client.WaitForJobAsync(jobId, s_jobTimeout);
        Assert.True(job.GetProperty("state").GetString() == "succeeded", job.ToString());
        return jobId;
    }

    /// <summary>The file's bytes as Latin-1 text (every byte one char), read while the portal may still hold it open.</summary>
    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return Encoding.Latin1.GetString(buffer.ToArray());
    }

    [GeneratedRegex(@"""?token""?\s*:\s*""?(?<token>[^""\s,}]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Token();
}
