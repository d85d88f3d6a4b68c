using System.Text.Json;
using Portal.Sandbox.Pulumi;
using Portal.Sandbox.Pulumi.Providers;

namespace Portal.Sandbox.Tests.Pulumi;

/// <summary>The sandbox CLI run in-process: argument styles and the exact JSON shapes of the reference.</summary>
public sealed class SandboxCliTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "portal-pulumi-cli", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _environment;

    public SandboxCliTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "state"));
        Directory.CreateDirectory(Path.Combine(_root, "project"));
        File.WriteAllText(Path.Combine(_root, "project", "Pulumi.yaml"), TestPrograms.OutputsOnly);
        _environment = new Dictionary<string, string?>
        {
            ["PULUMI_BACKEND_URL"] = "file://" + Path.Combine(_root, "state"),
            ["PULUMI_CONFIG_PASSPHRASE"] = "pw",
            ["PULUMI_HOME"] = Path.Combine(_root, "home"),
            ["PORTAL_SANDBOX_SPEED"] = "1000",
        };
    }

    [Fact]
    public async Task RunAsync_GoAndDotNetArgumentStyles_ProduceTheSameOutputs()
    {
        await RunOkAsync("stack", "init", "dev");
        await RunOkAsync("config", "set", "apiKey", "--secret", "--stack=dev", "--", "k");
        await RunOkAsync("--non-interactive", "up", "--yes", "--skip-preview", "--exec-kind=auto.inline", "--stack=dev");

        var dotnetStyle = await RunOkAsync("stack", "output", "--json", "--stack", "dev", "--non-interactive");
        var goStyle = await RunOkAsync("--non-interactive", "stack", "output", "--json", "--stack=dev");
        var shortFlag = await RunOkAsync("stack", "output", "-j", "-s", "dev");

        Assert.Equal(dotnetStyle, goStyle);
        Assert.Equal(dotnetStyle, shortFlag);
        Assert.Equal("{\n  \"answer\": 42,\n  \"message\": \"hi, dev!\",\n  \"secretOut\": \"[secret]\"\n}\n", dotnetStyle);
    }

    [Fact]
    public async Task RunAsync_PreviewJson_PrintsTheDigestDocumentWithFourSpaces()
    {
        await RunOkAsync("stack", "init", "dev");
        await RunOkAsync("config", "set", "apiKey", "--secret", "--", "k", "--stack", "dev");

        var document = await RunOkAsync("preview", "--json", "--stack", "dev");

        Assert.StartsWith("{\n    \"config\": {\n        \"demo:apiKey\": \"[secret]\",", document, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(document);
        var step = json.RootElement.GetProperty("steps")[0];
        Assert.Equal("create", step.GetProperty("op").GetString());
        Assert.Equal("[secret]", step.GetProperty("newState").GetProperty("outputs").GetProperty("secretOut").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("changeSummary").GetProperty("create").GetInt32());
        Assert.True(json.RootElement.GetProperty("duration").GetInt64() > 0);
    }

    [Fact]
    public async Task RunAsync_EventLog_WritesSequencedLinesEndingWithCancelEvent()
    {
        await RunOkAsync("stack", "init", "dev");
        await RunOkAsync("config", "set", "apiKey", "v", "--stack", "dev");
        var log = Path.Combine(_root, "events.txt");

        await RunOkAsync("up", "--yes", "--skip-preview", "--stack", "dev", "--event-log", log);

        var lines = await File.ReadAllLinesAsync(log);
        var events = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(Enumerable.Range(0, lines.Length), events.Select(e => e.GetProperty("sequence").GetInt32()));
        Assert.Equal("preludeEvent", events[0].EnumerateObject().Last().Name);
        Assert.Equal("summaryEvent", events[^2].EnumerateObject().Last().Name);
        Assert.Equal("{\"sequence\":" + (lines.Length - 1) + ",\"timestamp\":" + events[^1].GetProperty("timestamp").GetInt64() + ",\"cancelEvent\":{}}", lines[^1]);
        Assert.Contains("\"ciphertext\":\"[secret]\"", lines.Single(l => l.Contains("resOutputsEvent", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_StackAndConfigCommands_PrintReferenceShapes()
    {
        await RunOkAsync("stack", "init", "dev");
        await RunOkAsync("config", "set", "apiKey", "--secret", "--stack", "dev", "--", "history-secret");
        await RunOkAsync("config", "set", "--path", "data.nested", "x", "--stack", "dev");
        await RunOkAsync("config", "set", "tmp", "1", "--stack", "dev");
        await RunOkAsync("config", "rm", "tmp", "--stack", "dev");
        await RunOkAsync("up", "--yes", "--message", "first", "--stack", "dev");

        Assert.Equal("{\n  \"value\": \"hi\",\n  \"secret\": false\n}\n", await RunOkAsync("config", "get", "greeting", "--json", "--stack", "dev"));
        Assert.Equal("x\n", await RunOkAsync("config", "get", "data.nested", "--path", "--stack", "dev"));
        using var config = JsonDocument.Parse(await RunOkAsync("config", "--json", "--stack", "dev"));
        Assert.Equal("x", config.RootElement.GetProperty("demo:data").GetProperty("objectValue").GetProperty("nested").GetString());
        Assert.False(config.RootElement.GetProperty("demo:apiKey").TryGetProperty("value", out _));
        Assert.False(config.RootElement.TryGetProperty("demo:tmp", out _));

        using var stacks = JsonDocument.Parse(await RunOkAsync("stack", "ls", "--json"));
        var dev = stacks.RootElement[0];
        Assert.Equal(["name", "current", "lastUpdate", "resourceCount"], dev.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, dev.GetProperty("resourceCount").GetInt32());

        using var history = JsonDocument.Parse(await RunOkAsync("stack", "history", "--json", "--show-secrets", "--stack", "dev"));
        var entry = history.RootElement[0];
        Assert.Equal("first", entry.GetProperty("message").GetString());
        Assert.Equal("history-secret", entry.GetProperty("config").GetProperty("demo:apiKey").GetProperty("value").GetString());
        Assert.Equal(0, entry.GetProperty("version").GetInt32());

        var (code, _, error) = await RunAsync("up", "--stack", "dev");
        Assert.Equal(2, code);
        Assert.Equal("error: --yes or --skip-preview or --preview-only must be passed in to proceed when running in non-interactive mode\n", error);
        Assert.Equal(
            "error: a stack name may only contain alphanumeric, hyphens, underscores, or periods: invalid character ' ' at position 3\n",
            (await RunAsync("stack", "init", "bad name")).Error);
    }

    [Fact]
    public async Task RunAsync_ConfigRm_RemovesKeysAndPathsAndIsANoOpForWhatIsNotSet()
    {
        await RunOkAsync("stack", "init", "dev");
        await RunOkAsync("config", "set", "greeting", "hello", "--stack", "dev");
        await RunOkAsync("config", "set", "--path", "data.nested", "x", "--stack", "dev");
        await RunOkAsync("config", "set", "--path", "data.keep", "y", "--stack", "dev");
        await RunOkAsync("config", "set", "--path", "list[0]", "a", "--stack", "dev");
        await RunOkAsync("config", "set", "--path", "list[1]", "b", "--stack", "dev");

        // As the CLI's config.Map.Remove: absent keys, missing paths and out-of-range indexes remove nothing, exit 0, print nothing.
        Assert.Equal("", await RunOkAsync("config", "rm", "greeting", "--stack", "dev"));
        Assert.Equal("", await RunOkAsync("config", "rm", "greeting", "--stack", "dev"));
        Assert.Equal("", await RunOkAsync("config", "rm", "demo:neverSet", "--stack", "dev"));
        await RunOkAsync("config", "rm", "--path", "data.missing.deeper", "--stack", "dev");
        await RunOkAsync("config", "rm", "--path", "list[7]", "--stack", "dev");
        await RunOkAsync("config", "rm", "--path", "list[7].x", "--stack", "dev");
        await RunOkAsync("config", "rm", "--path", "data.nested", "--stack", "dev");
        await RunOkAsync("config", "rm", "--path", "list[0]", "--stack", "dev");
        await RunOkAsync("config", "set", "one", "1", "--stack", "dev");
        await RunOkAsync("config", "set", "two", "2", "--stack", "dev");
        Assert.Equal("", await RunOkAsync("config", "rm-all", "one", "demo:neverSet", "two", "--stack", "dev"));

        using var config = JsonDocument.Parse(await RunOkAsync("config", "--json", "--stack", "dev"));
        // The project's own default shows again once the stack's value is gone.
        Assert.Equal("hi", config.RootElement.GetProperty("demo:greeting").GetProperty("value").GetString());
        Assert.Equal("""{"keep":"y"}""", config.RootElement.GetProperty("demo:data").GetProperty("value").GetString());
        Assert.Equal("""["b"]""", config.RootElement.GetProperty("demo:list").GetProperty("value").GetString());
        Assert.False(config.RootElement.TryGetProperty("demo:one", out _));
        Assert.False(config.RootElement.TryGetProperty("demo:two", out _));
        var (code, _, error) = await RunAsync("config", "get", "data.nested", "--path", "--stack", "dev");
        Assert.Equal((1, "error: configuration key 'data.nested' not found for stack 'dev'\n"), (code, error));
    }

    [Fact]
    public async Task RunAsync_UnknownFlagValueMissing_ExitsWithInvocationError()
    {
        var (code, _, error) = await RunAsync("stack", "output", "--stack");

        Assert.Equal(2, code);
        Assert.Equal("error: flag needs an argument: --stack\n", error);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<string> RunOkAsync(params string[] args)
    {
        var (code, output, error) = await RunAsync(args);
        Assert.True(code == 0, $"exit {code}: {error}");
        return output;
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await SandboxPulumiCli.RunAsync(
            ["--cwd", Path.Combine(_root, "project"), .. args],
            SandboxProviderRegistry.CreateDefault(new FakeKubernetesApplier()),
            output,
            error,
            new StringReader(""),
            name => _environment.GetValueOrDefault(name));
        return (code, output.ToString(), error.ToString());
    }
}
