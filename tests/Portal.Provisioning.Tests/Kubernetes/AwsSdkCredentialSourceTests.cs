using Portal.Provisioning.Kubernetes.Authentication;

namespace Portal.Provisioning.Tests.Kubernetes;

/// <summary>AWSSDK.Core resolving credentials from a named profile in a shared credentials file (no network needed).</summary>
public sealed class AwsSdkCredentialSourceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("portal-aws-").FullName;
    private readonly string? _previousFile = Environment.GetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE");

    [Fact]
    public async Task ResolveAsync_NamedProfile_ReturnsItsKeysAndSessionToken()
    {
        var file = Path.Combine(_directory, "credentials");
        await File.WriteAllTextAsync(file, """
            [portal-test]
            aws_access_key_id = AKIDPROFILE
            aws_secret_access_key = secret-from-profile
            aws_session_token = session-from-profile
            """);
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", file);

        var credentials = await new AwsSdkCredentialSource().ResolveAsync("portal-test", null, "us-east-1", CancellationToken.None);

        Assert.Equal(new AwsCredentialSet("AKIDPROFILE", "secret-from-profile", "session-from-profile"), credentials);
        Assert.DoesNotContain("secret", credentials.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_UnknownProfile_ThrowsCredentialPluginException()
    {
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(_directory, "missing"));

        await Assert.ThrowsAsync<CredentialPluginException>(() => new AwsSdkCredentialSource().ResolveAsync("nope", null, "us-east-1", CancellationToken.None));
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", _previousFile);
        Directory.Delete(_directory, recursive: true);
    }
}
