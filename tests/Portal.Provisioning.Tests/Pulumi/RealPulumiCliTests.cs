using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Provisioning.Pulumi;

namespace Portal.Provisioning.Tests.Pulumi;

/// <summary>The driver against the real pulumi CLI (opt-in: only when it is on PATH). Local file backend, an
/// outputs-only YAML program, so no plugin download and no network.</summary>
public sealed class RealPulumiCliTests : IDisposable
{
    private const string Program = """
        name: demo
        runtime: yaml
        config:
          greeting:
            type: string
            default: hi
          apiKey:
            type: string
            secret: true
        variables:
          message: ${greeting}, ${pulumi.stack}!
        outputs:
          message: ${message}
          secretOut:
            fn::secret: ${apiKey}
          answer: 42
        """;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "portal-real-pulumi", Guid.NewGuid().ToString("N"));

    [RealPulumiFact]
    public async Task Lifecycle_OutputsOnlyProgram_WorksAgainstTheRealCli()
    {
        var ct = CancellationToken.None;
        var template = Path.Combine(_root, "template");
        Directory.CreateDirectory(template);
        await File.WriteAllTextAsync(Path.Combine(template, "Pulumi.yaml"), Program, ct);
        var runner = new PulumiStackRunner(
            Options.Create(new PulumiOptions
            {
                Command = RealPulumiFactAttribute.FindPulumi()!,
                BackendUrl = new Uri(Path.Combine(_root, "state")).AbsoluteUri,
                WorkDirectoryRoot = Path.Combine(_root, "work"),
                PulumiHome = Path.Combine(_root, "home"),
                ConfigPassphrase = "real-cli-test",
            }),
            NullLoggerFactory.Instance,
            TimeProvider.System);

        Assert.True(await runner.GetVersionAsync(ct) >= new Version(3, 1, 0));
        var workspace = await runner.PrepareWorkspaceAsync("env", "dev", template, ct);
        Assert.True(await runner.CreateOrSelectStackAsync(workspace, ct));
        await Assert.ThrowsAsync<StackAlreadyExistsException>(() => runner.CreateStackAsync(workspace, ct));
        await runner.SetConfigAsync(workspace, "apiKey", new ConfigValue("real-secret", IsSecret: true), false, ct);

        var preview = await runner.PreviewAsync(workspace, new StackOperationOptions(), ct);
        Assert.Equal(1, preview.ChangeSummary["create"]);

        var progress = new List<StackProgress>();
        var up = await runner.UpAsync(workspace, new StackOperationOptions { OnProgress = (p, _) => { progress.Add(p); return ValueTask.CompletedTask; } }, ct);
        Assert.Equal(1, up.Summary!.ResourceChanges["create"]);
        Assert.Equal("hi, dev!", up.Outputs["message"].Value.GetString());
        Assert.True(up.Outputs["secretOut"].IsSecret);
        Assert.Contains(progress, p => p is ResourceProgress { Type: "pulumi:pulumi:Stack", Phase: ResourceEventPhase.Completed });

        var again = await runner.UpAsync(workspace, new StackOperationOptions(), ct);
        Assert.Equal(1, again.Summary!.ResourceChanges["same"]);
        Assert.Equal(2, (await runner.GetHistoryAsync(workspace, 10, 1, ct)).Count);

        await runner.DestroyAsync(workspace, new StackOperationOptions(), ct);
        await runner.RemoveStackAsync(workspace, force: false, ct);
        await Assert.ThrowsAsync<StackNotFoundException>(() => runner.GetOutputsAsync(workspace, ct));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
