using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Portal.Provisioning.Kubernetes.Authentication;

/// <summary>
/// Builds the <c>k8s-aws-v1.</c> bearer token that <c>aws eks get-token</c> and aws-iam-authenticator produce: a SigV4-presigned
/// STS GetCallerIdentity URL on the regional endpoint, with only <c>host;x-k8s-aws-id</c> signed and X-Amz-Expires=60.
/// Hand-written (about 40 lines of SigV4) because the SDK's presigner is internal API; checked against botocore in the tests.
/// </summary>
public static class EksTokenGenerator
{
    public const string TokenPrefix = "k8s-aws-v1.";

    private const string EmptyPayloadSha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>STS honours a presigned URL for 15 minutes; clients report 14 to refresh early (as the CLI and authenticator do).</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(14);

    public static EksToken Generate(AwsCredentialSet credentials, string clusterId, string region, DateTimeOffset now)
    {
        var url = PresignGetCallerIdentity(credentials, clusterId, region, now, out _);
        var token = TokenPrefix + Convert.ToBase64String(Encoding.UTF8.GetBytes(url)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return new EksToken(token, now.ToUniversalTime() + TokenLifetime);
    }

    /// <summary>The presigned URL; <paramref name="canonicalRequest"/> is exposed so a test can compare it with the reference text.</summary>
    public static string PresignGetCallerIdentity(AwsCredentialSet credentials, string clusterId, string region, DateTimeOffset now, out string canonicalRequest)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var host = $"sts.{region}.amazonaws.com";
        var utc = now.ToUniversalTime();
        var amzDate = utc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = utc.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var scope = $"{date}/{region}/sts/aws4_request";

        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["Action"] = "GetCallerIdentity",
            ["Version"] = "2011-06-15",
            ["X-Amz-Algorithm"] = "AWS4-HMAC-SHA256",
            ["X-Amz-Credential"] = $"{credentials.AccessKeyId}/{scope}",
            ["X-Amz-Date"] = amzDate,
            ["X-Amz-Expires"] = "60",
            ["X-Amz-SignedHeaders"] = "host;x-k8s-aws-id",
        };
        if (!string.IsNullOrEmpty(credentials.SessionToken))
        {
            parameters["X-Amz-Security-Token"] = credentials.SessionToken;
        }

        // Keys here are already in their encoded form's order: none of them contains a character that encoding changes.
        var canonicalQuery = string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        canonicalRequest = $"GET\n/\n{canonicalQuery}\nhost:{host}\nx-k8s-aws-id:{clusterId}\n\nhost;x-k8s-aws-id\n{EmptyPayloadSha256}";

        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + credentials.SecretAccessKey), date);
        key = Hmac(key, region);
        key = Hmac(key, "sts");
        key = Hmac(key, "aws4_request");
        var signature = Hex(Hmac(key, stringToSign));

        return $"https://{host}/?{canonicalQuery}&X-Amz-Signature={signature}";
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
