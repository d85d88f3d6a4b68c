using System.Text;
using Portal.Provisioning.Kubernetes.Authentication;

namespace Portal.Provisioning.Tests.Kubernetes;

public class EksTokenGeneratorTests
{
    private static readonly DateTimeOffset s_fixedClock = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly AwsCredentialSet s_credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);

    [Fact]
    public void PresignGetCallerIdentity_FixedClock_CanonicalRequestMatchesReference()
    {
        EksTokenGenerator.PresignGetCallerIdentity(s_credentials, "demo", "us-east-1", s_fixedClock, out var canonical);

        // The canonical request of reference section 2.1 (checked there against botocore).
        const string expected = "GET\n/\n"
            + "Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20250102%2Fus-east-1%2Fsts%2Faws4_request"
            + "&X-Amz-Date=20250102T030405Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host%3Bx-k8s-aws-id\n"
            + "host:sts.us-east-1.amazonaws.com\nx-k8s-aws-id:demo\n\nhost;x-k8s-aws-id\n"
            + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        Assert.Equal(expected, canonical);
    }

    [Fact]
    public void PresignGetCallerIdentity_FixedClock_SignatureMatchesBotocore()
    {
        var url = EksTokenGenerator.PresignGetCallerIdentity(s_credentials, "demo", "us-east-1", s_fixedClock, out _);

        // Computed independently with botocore 1.43.11 SigV4QueryAuth (expires=60, header x-k8s-aws-id: demo, same clock).
        Assert.EndsWith("&X-Amz-Signature=fe4e8d99282e22f44e57a7a55a6e1348f7d970e8803688303328f6d55729ece0", url, StringComparison.Ordinal);
        Assert.StartsWith("https://sts.us-east-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15&", url, StringComparison.Ordinal);
    }

    [Fact]
    public void PresignGetCallerIdentity_SessionCredentials_SignsSecurityTokenLikeBotocore()
    {
        var credentials = s_credentials with { SessionToken = "SESSIONTOKEN/with+chars=" };

        var url = EksTokenGenerator.PresignGetCallerIdentity(credentials, "demo", "us-east-1", s_fixedClock, out var canonical);

        Assert.Contains("&X-Amz-Security-Token=SESSIONTOKEN%2Fwith%2Bchars%3D&X-Amz-SignedHeaders=", canonical, StringComparison.Ordinal);
        Assert.EndsWith("&X-Amz-Signature=6cb354da53764c82e3155d6aa41cca479b2cb57feeaa02f201497519069a3243", url, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_FixedClock_IsUnpaddedBase64UrlOfPresignedUrlAndExpiresIn14Minutes()
    {
        var token = EksTokenGenerator.Generate(s_credentials, "demo", "us-east-1", s_fixedClock);

        Assert.StartsWith("k8s-aws-v1.", token.Token, StringComparison.Ordinal);
        var payload = token.Token["k8s-aws-v1.".Length..];
        Assert.DoesNotContain('=', payload);
        Assert.DoesNotContain('+', payload);
        Assert.DoesNotContain('/', payload);
        var padded = payload.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (payload.Length % 4)) % 4);
        var url = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
        Assert.Equal(EksTokenGenerator.PresignGetCallerIdentity(s_credentials, "demo", "us-east-1", s_fixedClock, out _), url);
        Assert.Equal(s_fixedClock.AddMinutes(14), token.ExpiresAt);
    }

    [Fact]
    public void PresignGetCallerIdentity_OtherRegion_UsesRegionalEndpointAndScope()
    {
        var url = EksTokenGenerator.PresignGetCallerIdentity(s_credentials, "prod", "eu-west-1", s_fixedClock, out var canonical);

        Assert.StartsWith("https://sts.eu-west-1.amazonaws.com/?", url, StringComparison.Ordinal);
        Assert.Contains("%2Feu-west-1%2Fsts%2Faws4_request", canonical, StringComparison.Ordinal);
        Assert.Contains("x-k8s-aws-id:prod\n", canonical, StringComparison.Ordinal);
    }
}
