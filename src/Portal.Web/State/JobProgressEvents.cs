using System.Text.Json;
using Portal.Data.Entities;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Jobs;
using Portal.Provisioning.Pulumi;

namespace Portal.Web.State;

/// <summary>
/// Reads the data of a job's progress events by its <c>kind</c> discriminator: Pulumi progress
/// (<c>resource</c>, <c>diagnostic</c>, <c>summary</c>, see <see cref="StackProgressRelay"/>) or a destroy's load
/// balancer preflight (<c>loadBalancers</c>). Anything else, or data that does not parse, reads as null.
/// </summary>
public static class JobProgressEvents
{
    private static readonly HashSet<string> s_stackKinds = new(StringComparer.Ordinal) { "resource", "diagnostic", "summary" };

    public static StackProgress? ReadStackProgress(JobEvent jobEvent) =>
        Read(jobEvent, kind => s_stackKinds.Contains(kind), json => JsonSerializer.Deserialize<StackProgress>(json, JobJson.Options));

    public static LoadBalancerDrainProgress? ReadDrainProgress(JobEvent jobEvent) =>
        Read(jobEvent, kind => kind == LoadBalancerDrainProgress.KindName, json => JsonSerializer.Deserialize<LoadBalancerDrainProgress>(json, JobJson.Options));

    private static T? Read<T>(JobEvent jobEvent, Func<string, bool> accepts, Func<string, T?> deserialize)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(jobEvent);
        if (jobEvent.Kind != JobEventKind.Progress || jobEvent.DataJson is not { Length: > 0 } json)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("kind", out var kind)
                && kind.ValueKind == JsonValueKind.String
                && accepts(kind.GetString()!)
                ? deserialize(json)
                : null;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            return null;
        }
    }
}
