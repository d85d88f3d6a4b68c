namespace Portal.Sandbox.Tests.Kubernetes;

internal sealed record KubectlResult(int ExitCode, string Stdout, string Stderr, bool TimedOut)
{
    public override string ToString() => $"exit {ExitCode}{(TimedOut ? " (timed out)" : "")}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
