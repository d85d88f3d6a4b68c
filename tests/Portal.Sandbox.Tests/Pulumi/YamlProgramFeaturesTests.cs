using System.Text.Json;
using Portal.Sandbox.Pulumi;
using Portal.Sandbox.Pulumi.Providers;

namespace Portal.Sandbox.Tests.Pulumi;

/// <summary>
/// The Pulumi YAML features the shipped templates rely on, run through the in-process sandbox CLI: interpolated object
/// keys, <c>fn::invoke</c> of pulumi-std functions, integer config, <c>aws:region</c> as project value and stack override,
/// and the real CLI's rejection of a typed key of another namespace.
/// </summary>
public sealed class YamlProgramFeaturesTests : IDisposable
{
    private const string Program = """
        name: demo
        runtime: yaml
        config:
          aws:region:
            value: eu-central-1
          nodeCount:
            type: integer
            default: 2
          issuer:
            type: string
            default: oidc.example/id/ABC
        variables:
          maxSize:
            fn::invoke:
              function: std:index:sum
              arguments:
                input: ["${nodeCount}", 2]
              return: result
        resources:
          repo:
            type: aws:ecr:Repository
        outputs:
          maxSize: ${maxSize}
          digest:
            fn::invoke:
              function: std:index:sha256
              arguments:
                input: abc
              return: result
          condition:
            "${issuer}:sub": system:serviceaccount:kube-system:controller
          repositoryUrl: ${repo.repositoryUrl}
        """;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "portal-pulumi-yaml", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _environment;

    public YamlProgramFeaturesTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "state"));
        Directory.CreateDirectory(Path.Combine(_root, "project"));
        _environment = new Dictionary<string, string?>
        {
            ["PULUMI_BACKEND_URL"] = "file://" + Path.Combine(_root, "state"),
            ["PULUMI_CONFIG_PASSPHRASE"] = "pw",
            ["PULUMI_HOME"] = Path.Combine(_root, "home"),
            ["PORTAL_SANDBOX_SPEED"] = "1000",
            ["AWS_REGION"] = "ap-southeast-2",
        };
    }

    [Fact]
    public async Task Up_ProgramWithInvokesKeysAndRegion_EvaluatesThemAsPulumiYaml()
    {
        await File.WriteAllTextAsync(Path.Combine(_root, "project", "Pulumi.yaml"), Program);
        await RunOkAsync("stack", "init", "dev");

        await RunOkAsync("up", "--yes", "--stack", "dev");

        using var outputs = JsonDocument.Parse(await RunOkAsync("stack", "output", "--json", "--stack", "dev"));
        Assert.Equal(4, outputs.RootElement.GetProperty("maxSize").GetInt32());
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", outputs.RootElement.GetProperty("digest").GetString());
        Assert.Equal("system:serviceaccount:kube-system:controller", outputs.RootElement.GetProperty("condition").GetProperty("oidc.example/id/ABC:sub").GetString());
        Assert.StartsWith("123456789012.dkr.ecr.eu-central-1.amazonaws.com/", outputs.RootElement.GetProperty("repositoryUrl").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_StackSetsAwsRegion_OverridesTheProjectValue()
    {
        await File.WriteAllTextAsync(Path.Combine(_root, "project", "Pulumi.yaml"), Program);
        await RunOkAsync("stack", "init", "dev");
        await RunOkAsync("config", "set", "aws:region", "us-west-2", "--stack", "dev");
        await RunOkAsync("config", "set", "nodeCount", "5", "--stack", "dev");

        await RunOkAsync("up", "--yes", "--stack", "dev");

        using var outputs = JsonDocument.Parse(await RunOkAsync("stack", "output", "--json", "--stack", "dev"));
        Assert.Equal(7, outputs.RootElement.GetProperty("maxSize").GetInt32());
        Assert.StartsWith("123456789012.dkr.ecr.us-west-2.amazonaws.com/", outputs.RootElement.GetProperty("repositoryUrl").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StackInit_TypedKeyOfAnotherNamespace_FailsAsTheRealCli()
    {
        await File.WriteAllTextAsync(Path.Combine(_root, "project", "Pulumi.yaml"), """
            name: demo
            runtime: yaml
            config:
              aws:region:
                type: string
                default: us-east-1
            """);

        var (code, _, error) = await RunAsync("stack", "init", "dev");

        Assert.Equal(1, code);
        Assert.EndsWith("Configuration key 'aws:region' is not namespaced by the project and should not define a type\n", error, StringComparison.Ordinal);
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
