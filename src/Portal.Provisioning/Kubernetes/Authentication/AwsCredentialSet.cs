namespace Portal.Provisioning.Kubernetes.Authentication;

/// <summary>Resolved AWS credentials. ToString never prints the secret.</summary>
public sealed record AwsCredentialSet(string AccessKeyId, string SecretAccessKey, string? SessionToken)
{
    public override string ToString() => $"AwsCredentialSet {{ AccessKeyId = {AccessKeyId} }}";
}
