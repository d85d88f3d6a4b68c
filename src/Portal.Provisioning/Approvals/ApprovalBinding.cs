using System.Text.Json.Nodes;

namespace Portal.Provisioning.Approvals;

/// <summary>
/// What an execution job carries in its payload (under <c>approval</c>) to prove it was approved: the request and the
/// plan hash the approvers saw. Handlers ignore the extra property; <see cref="ApprovalGate{THandler}"/> checks it.
/// </summary>
/// <param name="RequestId">The approval request.</param>
/// <param name="PlanHash">The approved plan's hash.</param>
public sealed record ApprovalBinding(long RequestId, string PlanHash)
{
    public const string PropertyName = "approval";

    /// <summary>The job payload with the binding added.</summary>
    public static JsonObject Attach(string payloadJson, ApprovalBinding binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        var payload = JsonNode.Parse(string.IsNullOrWhiteSpace(payloadJson) ? "{}" : payloadJson) as JsonObject ?? [];
        payload[PropertyName] = new JsonObject { ["requestId"] = binding.RequestId, ["planHash"] = binding.PlanHash };
        return payload;
    }

    /// <summary>The binding (null when the job has none) and the payload without it, as the request stored it.</summary>
    public static (ApprovalBinding? Binding, string PayloadJson) Detach(string payloadJson)
    {
        if (JsonNode.Parse(string.IsNullOrWhiteSpace(payloadJson) ? "{}" : payloadJson) is not JsonObject payload
            || payload[PropertyName] is not JsonObject binding)
        {
            return (null, payloadJson);
        }

        payload.Remove(PropertyName);
        var requestId = binding["requestId"]?.GetValue<long>() ?? 0;
        var hash = binding["planHash"]?.GetValue<string>() ?? "";
        return (new ApprovalBinding(requestId, hash), payload.ToJsonString());
    }
}
