using System.Text.Json;

namespace Portal.Provisioning.Pulumi;

/// <summary>A stack output. <see cref="ToString"/> never shows a secret; read <see cref="Value"/> deliberately to reveal it.</summary>
public sealed record StackOutputValue(JsonElement Value, bool IsSecret)
{
    public const string SecretPlaceholder = "[secret]";

    /// <summary>The value as it may be stored or shown: secrets become the <c>[secret]</c> placeholder.</summary>
    public string ToDisplayString() =>
        IsSecret ? SecretPlaceholder : Value.ValueKind == JsonValueKind.String ? Value.GetString() ?? "" : Value.GetRawText();

    public override string ToString() => ToDisplayString();
}
