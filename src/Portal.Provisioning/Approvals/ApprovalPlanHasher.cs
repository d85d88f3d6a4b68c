using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Provisioning.Jobs;
using Portal.Provisioning.Pulumi;

namespace Portal.Provisioning.Approvals;

/// <summary>
/// The plan hash: SHA-256 of a canonical JSON (object keys sorted, no whitespace) of the job kind, the job's payload
/// (secrets there only in protected form), the planned operations with their changed keys and a digest of their planned
/// inputs (so a new value from anywhere, a data source or a redeployed template, changes the hash), the parameter
/// changes (secret values never appear) and the images. Two plans of the same change on the same state hash the same.
/// </summary>
public static class ApprovalPlanHasher
{
    public static string Hash(string jobKind, string payloadJson, ApprovalPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var document = new JsonObject
        {
            ["kind"] = jobKind,
            ["payload"] = CanonicalJson.Canonical(JsonNode.Parse(string.IsNullOrWhiteSpace(payloadJson) ? "{}" : payloadJson)),
            ["operations"] = new JsonArray([.. plan.Operations
                .OrderBy(o => o.Urn, StringComparer.Ordinal).ThenBy(o => o.Operation, StringComparer.Ordinal)
                .Select(o => (JsonNode)new JsonObject
                {
                    ["urn"] = o.Urn,
                    ["type"] = o.Type,
                    ["op"] = o.Operation,
                    ["changedKeys"] = new JsonArray([.. o.ChangedKeys.Order(StringComparer.Ordinal).Select(k => (JsonNode)k)]),
                    ["replaceKeys"] = new JsonArray([.. o.ReplaceKeys.Order(StringComparer.Ordinal).Select(k => (JsonNode)k)]),
                    ["inputs"] = o.InputsDigest,
                })]),
            ["parameters"] = new JsonArray([.. plan.ParameterChanges.OrderBy(c => c.Name, StringComparer.Ordinal)
                .Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["before"] = c.Before, ["after"] = c.After, ["secret"] = c.Secret })]),
            ["images"] = new JsonArray([.. plan.Images.OrderBy(i => i.Workload, StringComparer.Ordinal)
                .Select(i => (JsonNode)new JsonObject { ["workload"] = i.Workload, ["before"] = i.Before, ["after"] = i.After })]),
        };
        return CanonicalJson.Sha256(document);
    }

    /// <summary>A plan as stored on the request (and back).</summary>
    public static string Serialize(ApprovalPlan plan) => JsonSerializer.Serialize(plan, JobJson.Options);

    public static ApprovalPlan? Deserialize(string? json) =>
        string.IsNullOrWhiteSpace(json) ? null : JsonSerializer.Deserialize<ApprovalPlan>(json, JobJson.Options);
}
