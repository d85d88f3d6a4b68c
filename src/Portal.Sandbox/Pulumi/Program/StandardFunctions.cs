using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi;

/// <summary>
/// <c>fn::invoke</c> of the pure functions of the pulumi-std provider that YAML programs need because Pulumi YAML has no
/// operators: arithmetic (a node group's <c>maxSize</c> of <c>nodeCount + 2</c> is <c>std:index:sum</c>) and hashing (a
/// pod template's <c>checksum/config</c> annotation is <c>std:index:sha256</c>). Each takes <c>arguments.input</c> and
/// returns <c>{"result": …}</c>, as pulumi-std does. Cloud functions (<c>aws:…:get…</c>) would need the cloud, so they are
/// not offered.
/// </summary>
internal static class StandardFunctions
{
    public const string Supported = "std:index:sum, std:index:max, std:index:min, std:index:sha256";

    public static JsonNode? Invoke(JsonNode? call)
    {
        var function = call?["function"] is JsonValue f && f.TryGetValue<string>(out var token) ? token : "";
        if (function is "std:index:sha256" or "std:sha256")
        {
            var text = call?["arguments"]?["input"] is JsonValue v && v.TryGetValue<string>(out var s)
                ? s
                : throw new CliException($"fn::invoke {function}: input must be a string");
            return Return(call, JsonValue.Create(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))));
        }

        var input = (call?["arguments"]?["input"] as JsonArray ?? []).Select(Number).ToList();
        double? result = function switch
        {
            "std:index:sum" or "std:sum" => input.Sum(),
            "std:index:max" or "std:max" when input.Count > 0 => input.Max(),
            "std:index:min" or "std:min" when input.Count > 0 => input.Min(),
            "std:index:max" or "std:max" or "std:index:min" or "std:min" => throw new CliException($"fn::invoke {function}: input must not be empty"),
            _ => null,
        };
        if (result is null)
        {
            throw new CliException($"the sandbox does not support fn::invoke of '{function}' (supported: {Supported})");
        }

        // Whole numbers print as integers (4, not 4.0), as a float64 4 marshals in pulumi.
        return Return(call, result % 1 == 0 ? JsonValue.Create((long)result.Value) : JsonValue.Create(result.Value));
    }

    /// <summary>The function's outputs, or the one field named by <c>return</c>.</summary>
    private static JsonNode? Return(JsonNode? call, JsonNode result)
    {
        var outputs = new JsonObject { ["result"] = result };
        return call?["return"] is JsonValue r && r.TryGetValue<string>(out var field) ? outputs[field]?.DeepClone() : outputs;
    }

    private static double Number(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        JsonValue v when v.TryGetValue<long>(out var l) => l,
        JsonValue v when v.TryGetValue<string>(out var s) && double.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw new CliException($"fn::invoke: '{node?.ToJsonString()}' is not a number"),
    };
}
