using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi.Providers;

/// <summary>Common behaviour: outputs are the inputs plus computed values, updates keep the id, reads return the last
/// outputs, and every operation takes a realistic (speed-scaled) time.</summary>
public abstract class SandboxProviderBase : ISandboxResourceProvider
{
    private static readonly IReadOnlySet<string> s_none = new HashSet<string>();

    public abstract bool CanHandle(string type);

    public virtual IReadOnlySet<string> ReplaceProperties(string type) => s_none;

    public virtual JsonObject PreviewOutputs(SandboxResourceRequest request) => (JsonObject)request.Inputs.DeepClone();

    public async Task<SandboxResourceResult> CreateAsync(SandboxResourceRequest request, CancellationToken cancellationToken)
    {
        await request.Context.DelayAsync(CreateDuration(request.Type), cancellationToken);
        var id = NewId(request);
        var outputs = (JsonObject)request.Inputs.DeepClone();
        await ComputeOutputsAsync(request, id, outputs, cancellationToken);
        return new SandboxResourceResult(id, outputs);
    }

    public virtual async Task<SandboxResourceResult> UpdateAsync(SandboxResourceRequest request, CancellationToken cancellationToken)
    {
        await request.Context.DelayAsync(CreateDuration(request.Type) / 2, cancellationToken);
        var id = request.Id ?? NewId(request);
        var outputs = (JsonObject)request.Inputs.DeepClone();
        await ComputeOutputsAsync(request, id, outputs, cancellationToken);
        return new SandboxResourceResult(id, outputs);
    }

    public virtual Task DeleteAsync(SandboxResourceRequest request, CancellationToken cancellationToken) =>
        request.Context.DelayAsync(CreateDuration(request.Type) / 2, cancellationToken);

    public virtual Task<SandboxResourceResult?> ReadAsync(SandboxResourceRequest request, CancellationToken cancellationToken) =>
        Task.FromResult<SandboxResourceResult?>(new SandboxResourceResult(request.Id ?? "", (JsonObject)(request.OldOutputs ?? []).DeepClone()));

    /// <summary>How long creating such a resource takes in the real cloud (divided by the speed factor).</summary>
    protected virtual TimeSpan CreateDuration(string type) => TimeSpan.FromSeconds(1);

    /// <summary>Adds the computed outputs (ids, ARNs, endpoints) to <paramref name="outputs"/>, which start as the inputs.</summary>
    protected abstract Task ComputeOutputsAsync(SandboxResourceRequest request, string id, JsonObject outputs, CancellationToken cancellationToken);

    protected abstract string NewId(SandboxResourceRequest request);

    /// <summary>A stable-per-resource, random-per-creation hex suffix, like cloud ids.</summary>
    protected static string RandomHex(int length) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes((length + 1) / 2))[..length];

    /// <summary>Pulumi auto-naming: the logical name plus a random 7-character suffix.</summary>
    protected static string AutoName(SandboxResourceRequest request) => $"{request.Name}-{RandomHex(7)}";

    protected static string? GetString(JsonObject json, string name) =>
        json[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>As the aws provider resolves it: stack config <c>aws:region</c>, then <c>AWS_REGION</c>, then <c>AWS_DEFAULT_REGION</c>.</summary>
    protected static string Region(SandboxResourceRequest request) =>
        request.Context.Config("aws:region") is { Length: > 0 } configured ? configured
            : request.Context.Environment("AWS_REGION") ?? request.Context.Environment("AWS_DEFAULT_REGION") ?? "us-east-1";

    protected const string AccountId = "123456789012";
}
