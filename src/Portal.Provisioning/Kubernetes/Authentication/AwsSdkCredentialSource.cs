using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace Portal.Provisioning.Kubernetes.Authentication;

/// <summary>
/// AWS credentials the way the SDK resolves them: a named profile (static keys, SSO, credential_process, assume-role chains),
/// otherwise the default chain (environment, profile, container and instance roles). A role to assume goes through STS
/// AssumeRole with the session name the AWS CLI uses.
/// </summary>
public sealed class AwsSdkCredentialSource(string? profilesLocation = null) : IAwsCredentialSource
{
    public async Task<AwsCredentialSet> ResolveAsync(string? profile, string? roleArn, string region, CancellationToken cancellationToken)
    {
        AWSCredentials source;
        if (!string.IsNullOrEmpty(profile))
        {
            // The AWS CLI honours AWS_SHARED_CREDENTIALS_FILE; the chain only reads the default locations unless told.
            var location = profilesLocation ?? Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE");
            var chain = string.IsNullOrEmpty(location) ? new CredentialProfileStoreChain() : new CredentialProfileStoreChain(location);
            if (!chain.TryGetAWSCredentials(profile, out source))
            {
                throw new CredentialPluginException($"AWS profile '{profile}' was not found or has no credentials");
            }
        }
        else
        {
            source = await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync();
        }

        if (!string.IsNullOrEmpty(roleArn))
        {
            source = new AssumeRoleAWSCredentials(source, roleArn, "EKSGetTokenAuth");
        }

        var resolved = await source.GetCredentialsAsync();
        cancellationToken.ThrowIfCancellationRequested();
        return new AwsCredentialSet(resolved.AccessKey, resolved.SecretKey, string.IsNullOrEmpty(resolved.Token) ? null : resolved.Token);
    }
}
