using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi;

/// <summary>One resource of a deployment (Pulumi's ResourceV3). Inputs and outputs hold secrets as in-memory envelopes.</summary>
internal sealed class ResourceState
{
    public required string Urn { get; init; }

    public required string Type { get; init; }

    public bool Custom { get; init; }

    public string Id { get; set; } = "";

    public string? Parent { get; set; }

    public JsonObject Inputs { get; set; } = [];

    public JsonObject Outputs { get; set; } = [];

    public List<string> Dependencies { get; set; } = [];

    public bool Protect { get; set; }

    public string? Provider { get; set; }

    /// <summary>Why the last create or update did not finish initializing (a partial failure); empty when it did.</summary>
    public List<string> InitErrors { get; set; } = [];

    public string Name => Urn[(Urn.LastIndexOf("::", StringComparison.Ordinal) + 2)..];

    /// <summary>ResourceV3 field order; <paramref name="secrets"/> turns envelopes into the target form (state, export, preview).</summary>
    public JsonObject ToJson(Func<JsonNode?, JsonNode?> secrets)
    {
        var json = new JsonObject { ["urn"] = Urn, ["custom"] = Custom };
        if (Id.Length > 0)
        {
            json["id"] = Id;
        }

        json["type"] = Type;
        if (Inputs.Count > 0)
        {
            json["inputs"] = secrets(Inputs);
        }

        if (Outputs.Count > 0)
        {
            json["outputs"] = secrets(Outputs);
        }

        if (!string.IsNullOrEmpty(Parent))
        {
            json["parent"] = Parent;
        }

        if (Protect)
        {
            json["protect"] = true;
        }

        if (Dependencies.Count > 0)
        {
            json["dependencies"] = new JsonArray([.. Dependencies.Select(d => JsonValue.Create(d))]);
        }

        if (InitErrors.Count > 0)
        {
            json["initErrors"] = new JsonArray([.. InitErrors.Select(e => JsonValue.Create(e))]);
        }

        if (!string.IsNullOrEmpty(Provider))
        {
            json["provider"] = Provider;
        }

        return json;
    }

    public static ResourceState FromJson(JsonObject json, Func<JsonNode?, JsonNode?> secrets) => new()
    {
        Urn = json["urn"]!.GetValue<string>(),
        Type = json["type"]!.GetValue<string>(),
        Custom = json["custom"]?.GetValue<bool>() ?? false,
        Id = json["id"]?.GetValue<string>() ?? "",
        Parent = json["parent"]?.GetValue<string>(),
        Inputs = secrets(json["inputs"]) as JsonObject ?? [],
        Outputs = secrets(json["outputs"]) as JsonObject ?? [],
        Dependencies = json["dependencies"] is JsonArray deps ? [.. deps.Select(d => d!.GetValue<string>())] : [],
        Provider = json["provider"]?.GetValue<string>(),
        Protect = json["protect"]?.GetValue<bool>() ?? false,
        InitErrors = json["initErrors"] is JsonArray errors ? [.. errors.Select(e => e!.GetValue<string>())] : [],
    };

    public ResourceState Clone() => new()
    {
        Urn = Urn,
        Type = Type,
        Custom = Custom,
        Id = Id,
        Parent = Parent,
        Inputs = (JsonObject)Inputs.DeepClone(),
        Outputs = (JsonObject)Outputs.DeepClone(),
        Dependencies = [.. Dependencies],
        Provider = Provider,
        Protect = Protect,
        InitErrors = [.. InitErrors],
    };
}
