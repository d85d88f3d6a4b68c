using System.Text.Json;
using Portal.Provisioning.Pulumi;

namespace Portal.Provisioning.Tests.Pulumi;

public sealed class StackProgressSerializationTests
{
    [Fact]
    public void Serialize_EveryProgressKind_RoundTripsWithKindDiscriminator()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(1_767_607_200);
        StackProgress[] items =
        [
            new ResourceProgress(1, at, ResourceEventPhase.Failed, "update", "urn:pulumi:dev::p::t::n", "t", "n", false, ["a"], ["b"]),
            new DiagnosticProgress(2, at, "error", "boom", null),
            new SummaryProgress(3, at, new Dictionary<string, int> { ["create"] = 2 }, 4, false, "failed"),
            new PreludeProgress(0, at, new Dictionary<string, string> { ["p:k"] = "[secret]" }),
            new OutputLineProgress(at, true, "error: update failed"),
            new MalformedEventProgress(at, "{", "bad"),
        ];

        foreach (var item in items)
        {
            var json = JsonSerializer.Serialize(item);
            var back = JsonSerializer.Deserialize<StackProgress>(json)!;

            Assert.StartsWith("{\"kind\":", json, StringComparison.Ordinal);
            Assert.Equal(item.GetType(), back.GetType());
            Assert.Equal(JsonSerializer.Serialize(item), JsonSerializer.Serialize(back));
        }
    }

    [Fact]
    public void ToMaskedJson_SecretAndPlainOutputs_MasksOnlySecrets()
    {
        var outputs = new Dictionary<string, StackOutputValue>
        {
            ["url"] = new(JsonDocument.Parse("\"https://x\"").RootElement, false),
            ["password"] = new(JsonDocument.Parse("\"hunter2\"").RootElement, true),
            ["ports"] = new(JsonDocument.Parse("[80,443]").RootElement, false),
        };

        Assert.Equal("{\"password\":\"[secret]\",\"ports\":[80,443],\"url\":\"https://x\"}", StackOutputsJson.ToMaskedJson(outputs).ToJsonString());
    }
}
