using Microsoft.Extensions.Logging.Abstractions;
using Portal.Provisioning.Kubernetes.Authentication;

namespace Portal.Provisioning.Tests.Kubernetes;

public class EksTokenCredentialProviderTests
{
    [Fact]
    public async Task GetAuthorizationAsync_WithinFourteenMinutes_ReusesTokenThenRegenerates()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var credentials = new CountingCredentialSource();
        using var provider = new EksTokenCredentialProvider(new EksTokenRequest("demo", "us-east-1", null, "dev"), credentials, clock, NullLogger.Instance);

        var first = await provider.GetAuthorizationAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(13));
        var cached = await provider.GetAuthorizationAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(2));
        var renewed = await provider.GetAuthorizationAsync(CancellationToken.None);

        Assert.Equal("Bearer", first!.Scheme);
        Assert.Equal(first.Parameter, cached!.Parameter);
        Assert.NotEqual(first.Parameter, renewed!.Parameter);
        Assert.Equal(2, credentials.Calls);
        Assert.Equal("dev", credentials.LastProfile);
        Assert.Equal(EksTokenGenerator.Generate(CountingCredentialSource.Credentials, "demo", "us-east-1", clock.GetUtcNow()).Token, renewed.Parameter);
    }

    [Fact]
    public async Task Invalidate_AfterUnauthorized_GeneratesAFreshTokenNextTime()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var credentials = new CountingCredentialSource();
        using var provider = new EksTokenCredentialProvider(new EksTokenRequest("demo", "us-east-1", null, null), credentials, clock, NullLogger.Instance);

        var first = await provider.GetAuthorizationAsync(CancellationToken.None);
        Assert.True(provider.Invalidate(first!));
        await provider.GetAuthorizationAsync(CancellationToken.None);

        Assert.Equal(2, credentials.Calls);
    }

    private sealed class CountingCredentialSource : IAwsCredentialSource
    {
        public static readonly AwsCredentialSet Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);

        public int Calls { get; private set; }

        public string? LastProfile { get; private set; }

        public Task<AwsCredentialSet> ResolveAsync(string? profile, string? roleArn, string region, CancellationToken cancellationToken)
        {
            Calls++;
            LastProfile = profile;
            return Task.FromResult(Credentials);
        }
    }

    private sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
