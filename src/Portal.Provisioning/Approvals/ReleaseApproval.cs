using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Data.Entities;
using Portal.Provisioning.Jobs;
using Portal.Provisioning.Releases;

namespace Portal.Provisioning.Approvals;

/// <summary>A release, rollback or restart as an approval request stores it: the job payload plus what its release record needs.</summary>
/// <param name="Workload">The template workload.</param>
/// <param name="Kind">Release, rollback or restart.</param>
/// <param name="Image">The image to run (null for a restart).</param>
/// <param name="RollbackOf">For a rollback, the release whose image it goes back to.</param>
public sealed record ReleaseApproval(string Workload, ReleaseKind Kind, string? Image, long? RollbackOf)
{
    /// <summary>The release job's payload with the rollback source beside it (the handler ignores it).</summary>
    public JsonObject ToPayload()
    {
        var payload = JsonSerializer.SerializeToNode(new ReleaseJobPayload(Workload, Kind, Image), JobJson.Options)!.AsObject();
        if (RollbackOf is { } source)
        {
            payload["rollbackOf"] = source;
        }

        return payload;
    }

    public static ReleaseApproval Read(string payloadJson) =>
        JsonSerializer.Deserialize<ReleaseApproval>(payloadJson, JobJson.Options) ?? throw new InvalidOperationException("The release request has no payload.");
}
