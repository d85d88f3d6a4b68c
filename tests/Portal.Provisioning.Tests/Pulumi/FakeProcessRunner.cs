using System.Text;
using Portal.Provisioning.Pulumi;

namespace Portal.Provisioning.Tests.Pulumi;

/// <summary>Records every invocation and answers with a scripted result; can write the event log like the CLI does.</summary>
internal sealed class FakeProcessRunner : IPulumiProcessRunner
{
    public List<PulumiInvocation> Invocations { get; } = [];

    /// <summary>Per invocation: writes to the event log (if any) and returns the result.</summary>
    public Func<PulumiInvocation, string?, CancellationToken, Task<PulumiProcessResult>> Respond { get; set; } =
        (invocation, _, _) => Task.FromResult(Ok(invocation.Arguments is ["stack", "output", ..] ? "{}" : ""));

    public static PulumiProcessResult Ok(string stdout = "") => new(0, stdout, "", CancellationOutcome.None, false);

    public async Task<PulumiProcessResult> RunAsync(PulumiInvocation invocation, CancellationToken cancellationToken)
    {
        Invocations.Add(invocation);
        var index = invocation.Arguments.ToList().IndexOf("--event-log");
        var eventLog = index >= 0 ? invocation.Arguments[index + 1] : null;
        return await Respond(invocation, eventLog, cancellationToken);
    }

    public static async Task AppendAsync(string path, string text)
    {
        await using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text));
    }
}
