using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Provisioning.Jobs;

/// <summary>One set of JSON options for payloads, results, event data and audit details: camelCase, enums as strings.</summary>
public static class JobJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
