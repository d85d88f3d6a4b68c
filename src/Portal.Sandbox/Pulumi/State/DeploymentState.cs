using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi;

/// <summary>The latest deployment of a stack (DeploymentV3): resources plus the operations a killed run left pending.</summary>
internal sealed class DeploymentState
{
    public const string CliVersion = "v3.259.0";

    public List<ResourceState> Resources { get; } = [];

    public List<(ResourceState Resource, string Type)> PendingOperations { get; } = [];

    public string? EncryptionSalt { get; set; }

    public JsonObject ToJson(Func<JsonNode?, JsonNode?> secrets, DateTimeOffset now)
    {
        var json = new JsonObject
        {
            ["manifest"] = new JsonObject { ["time"] = now.ToString("O"), ["magic"] = "sandbox", ["version"] = CliVersion },
        };
        if (EncryptionSalt is not null)
        {
            json["secrets_providers"] = new JsonObject { ["type"] = "passphrase", ["state"] = new JsonObject { ["salt"] = EncryptionSalt } };
        }

        if (Resources.Count > 0)
        {
            json["resources"] = new JsonArray([.. Resources.Select(r => r.ToJson(secrets))]);
        }

        if (PendingOperations.Count > 0)
        {
            json["pending_operations"] = new JsonArray([.. PendingOperations.Select(p =>
                new JsonObject { ["resource"] = p.Resource.ToJson(secrets), ["type"] = p.Type })]);
        }

        return json;
    }

    public static DeploymentState FromJson(JsonObject? json, Func<JsonNode?, JsonNode?> secrets)
    {
        var state = new DeploymentState { EncryptionSalt = json?["secrets_providers"]?["state"]?["salt"]?.GetValue<string>() };
        if (json?["resources"] is JsonArray resources)
        {
            state.Resources.AddRange(resources.Select(r => ResourceState.FromJson(r!.AsObject(), secrets)));
        }

        if (json?["pending_operations"] is JsonArray pending)
        {
            state.PendingOperations.AddRange(pending.Select(p =>
                (ResourceState.FromJson(p!["resource"]!.AsObject(), secrets), p["type"]?.GetValue<string>() ?? "creating")));
        }

        return state;
    }
}
