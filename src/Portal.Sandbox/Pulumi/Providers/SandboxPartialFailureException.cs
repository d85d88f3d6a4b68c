using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi.Providers;

/// <summary>
/// The resource was created or updated but never became ready (pulumi-kubernetes' await gave up). As the real engine
/// does with a provider's partial failure, the new inputs and the live outputs are saved with the reasons as
/// <c>initErrors</c>, so the next update runs again even when nothing changed and a rollback sees its diff.
/// </summary>
public sealed class SandboxPartialFailureException : Exception
{
    public SandboxPartialFailureException()
    {
    }

    public SandboxPartialFailureException(string message)
        : base(message)
    {
    }

    public SandboxPartialFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SandboxPartialFailureException(string message, string id, JsonObject outputs)
        : base(message)
    {
        Id = id;
        Outputs = outputs;
    }

    public string Id { get; } = "";

    public JsonObject Outputs { get; } = [];
}
