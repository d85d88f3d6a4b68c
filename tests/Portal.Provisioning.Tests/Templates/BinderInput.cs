using System.Text.Json;

namespace Portal.Provisioning.Tests.Templates;

/// <summary>Binder input as the API would hand it over: JSON values by parameter name.</summary>
internal static class BinderInput
{
    public static Dictionary<string, JsonElement> Of(params (string Name, object? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => JsonSerializer.SerializeToElement(v.Value));

    /// <summary>Parses a JSON object, so tests can write exactly the JSON a client sends (<c>{"count": "3"}</c>).</summary>
    public static Dictionary<string, JsonElement> Json(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
}
