namespace Portal.Provisioning.Kubernetes.Authentication;

public sealed record EksToken(string Token, DateTimeOffset ExpiresAt)
{
    public override string ToString() => $"EksToken {{ ExpiresAt = {ExpiresAt:O} }}";
}
