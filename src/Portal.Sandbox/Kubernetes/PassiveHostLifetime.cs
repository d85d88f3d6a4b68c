namespace Portal.Sandbox.Kubernetes;

/// <summary>
/// The embedded server must not take over the host process's Ctrl+C/SIGTERM handling (the portal or a test owns the
/// process): its lifetime is started and stopped only through <see cref="SandboxKubernetesServer"/>.
/// </summary>
internal sealed class PassiveHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
