using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi;

/// <summary><c>Pulumi.&lt;stack&gt;.yaml</c>: the <c>encryptionsalt</c> and the <c>config</c> map. Values are strings,
/// <c>{secure: v1:…}</c> for secrets, or nested objects written by <c>config set --path</c>.</summary>
internal sealed class StackSettings
{
    private StackSettings(string path) => FilePath = path;

    public string FilePath { get; }

    public string? EncryptionSalt { get; set; }

    public JsonObject Config { get; private set; } = [];

    public static StackSettings Load(string projectDirectory, string stack)
    {
        var settings = new StackSettings(Path.Combine(projectDirectory, $"Pulumi.{stack}.yaml"));
        if (File.Exists(settings.FilePath) && YamlJson.Parse(File.ReadAllText(settings.FilePath)) is JsonObject root)
        {
            settings.EncryptionSalt = root["encryptionsalt"]?.GetValue<string>();
            settings.Config = root["config"] as JsonObject ?? [];
        }

        return settings;
    }

    public void Save()
    {
        var root = new JsonObject();
        if (EncryptionSalt is not null)
        {
            root["encryptionsalt"] = EncryptionSalt;
        }

        if (Config.Count > 0)
        {
            root["config"] = Config.DeepClone();
        }

        File.WriteAllText(FilePath, root.Count == 0 ? "" : YamlJson.Serialize(root));
    }

    public static bool IsSecure(JsonNode? node) => node is JsonObject o && o.Count == 1 && o["secure"] is JsonValue;
}
