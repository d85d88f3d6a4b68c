using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi.Providers;

/// <summary><c>random:*</c>: RandomPet, RandomString, RandomPassword (its <c>result</c> is secret), RandomId, RandomInteger.
/// Like the real provider, any input change replaces the resource.</summary>
public sealed class RandomProvider : SandboxProviderBase
{
    private static readonly string[] s_words = ["good", "eel", "brave", "otter", "calm", "lynx", "swift", "heron", "bold", "yak"];
    private static readonly IReadOnlySet<string> s_replace = new HashSet<string> { "length", "prefix", "separator", "keepers", "special", "upper", "lower", "numeric", "min", "max", "byteLength" };

    public override bool CanHandle(string type) => type.StartsWith("random:", StringComparison.Ordinal);

    public override IReadOnlySet<string> ReplaceProperties(string type) => s_replace;

    protected override TimeSpan CreateDuration(string type) => TimeSpan.FromMilliseconds(200);

    protected override string NewId(SandboxResourceRequest request) => Kind(request.Type) switch
    {
        "RandomPet" => Pet(request.Inputs),
        "RandomId" => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(Length(request.Inputs, "byteLength", 8))),
        "RandomInteger" => RandomNumberGenerator.GetInt32(Length(request.Inputs, "min", 0), Length(request.Inputs, "max", 100) + 1).ToString(),
        _ => "none",
    };

    protected override Task ComputeOutputsAsync(SandboxResourceRequest request, string id, JsonObject outputs, CancellationToken cancellationToken)
    {
        switch (Kind(request.Type))
        {
            case "RandomString":
                outputs["result"] = RandomString(Length(request.Inputs, "length", 16));
                break;
            case "RandomPassword":
                outputs["result"] = SecretValues.Wrap(JsonValue.Create(RandomString(Length(request.Inputs, "length", 16))));
                break;
            case "RandomId":
                outputs["hex"] = id;
                outputs["b64Std"] = Convert.ToBase64String(Convert.FromHexString(id));
                break;
            case "RandomInteger":
                outputs["result"] = int.Parse(id);
                break;
        }

        return Task.CompletedTask;
    }

    private static string Pet(JsonObject inputs)
    {
        var words = Enumerable.Range(0, Length(inputs, "length", 2)).Select(_ => s_words[RandomNumberGenerator.GetInt32(s_words.Length)]);
        var separator = GetString(inputs, "separator") ?? "-";
        var name = string.Join(separator, words);
        return GetString(inputs, "prefix") is { } prefix ? prefix + separator + name : name;
    }

    private static string RandomString(int length) =>
        new([.. Enumerable.Range(0, length).Select(_ => "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"[RandomNumberGenerator.GetInt32(57)])]);

    private static int Length(JsonObject inputs, string name, int fallback) =>
        inputs[name] is JsonValue v && v.TryGetValue<double>(out var d) ? (int)d : inputs[name] is JsonValue l && l.TryGetValue<long>(out var n) ? (int)n : fallback;

    private static string Kind(string type) => type[(type.LastIndexOf(':') + 1)..];
}
