namespace Portal.Provisioning.Pulumi;

/// <summary>A stack config value. <see cref="ToString"/> never shows a secret.</summary>
/// <param name="Value">The value; for a secret read without <c>showSecrets</c> it is <c>[secret]</c>.</param>
/// <param name="IsSecret">Set (or stored) as a secret.</param>
public sealed record ConfigValue(string Value, bool IsSecret = false)
{
    public override string ToString() => IsSecret ? StackOutputValue.SecretPlaceholder : Value;
}
