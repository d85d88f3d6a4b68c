using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi;

/// <summary>Loads and saves one stack's deployment, encrypting secret envelopes on the way to disk and decrypting them
/// on the way back (the passphrase is only needed when secrets are present).</summary>
internal sealed class StateStore(SandboxContext context, ProjectInfo project, string stack)
{
    private StackSettings? _settings;

    public string Project => project.Name;

    public string Stack => stack;

    public FileBackend Backend { get; } = context.Backend;

    public StackSettings Settings => _settings ??= LoadSettings();

    public DeploymentState Load() => DeploymentState.FromJson(Backend.ReadDeployment(project.Name, stack), Decrypt);

    public void Save(DeploymentState state)
    {
        state.EncryptionSalt ??= Settings.EncryptionSalt;
        Backend.WriteDeployment(project.Name, stack, state.ToJson(Encrypt, DateTimeOffset.UtcNow));
    }

    public JsonNode? Encrypt(JsonNode? node) => SecretValues.Map(node, secret => secret["ciphertext"] is not null
        ? secret.DeepClone()
        : new JsonObject
        {
            [SecretValues.SignatureKey] = SecretValues.SecretSignature,
            ["ciphertext"] = Crypter().Encrypt(secret["plaintext"]?.GetValue<string>() ?? "null"),
        });

    public JsonNode? Decrypt(JsonNode? node) => SecretValues.Map(node, secret => secret["plaintext"] is not null
        ? secret.DeepClone()
        : new JsonObject
        {
            [SecretValues.SignatureKey] = SecretValues.SecretSignature,
            ["plaintext"] = Crypter().Decrypt(secret["ciphertext"]?.GetValue<string>() ?? ""),
        });

    /// <summary>The stack settings; a lost <c>Pulumi.&lt;stack&gt;.yaml</c> gets its salt back from the checkpoint, as the CLI does.</summary>
    private StackSettings LoadSettings()
    {
        var settings = StackSettings.Load(project.Directory, stack);
        if (settings.EncryptionSalt is null && Backend.StackExists(project.Name, stack)
            && Backend.ReadDeployment(project.Name, stack)?["secrets_providers"]?["state"]?["salt"]?.GetValue<string>() is { } salt)
        {
            settings.EncryptionSalt = salt;
            settings.Save();
        }

        return settings;
    }

        private PassphraseCrypter Crypter() => context.GetCrypter(Settings, createIfMissing: false);
}
