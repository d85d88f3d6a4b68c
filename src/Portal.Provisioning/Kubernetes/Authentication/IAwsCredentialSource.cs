namespace Portal.Provisioning.Kubernetes.Authentication;

/// <summary>Resolves AWS credentials for an EKS token; the default uses AWSSDK.Core, tests pass fixed ones.</summary>
public interface IAwsCredentialSource
{
    Task<AwsCredentialSet> ResolveAsync(string? profile, string? roleArn, string region, CancellationToken cancellationToken);
}
