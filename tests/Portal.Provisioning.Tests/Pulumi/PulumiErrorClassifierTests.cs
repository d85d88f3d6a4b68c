using Portal.Provisioning.Pulumi;

namespace Portal.Provisioning.Tests.Pulumi;

public sealed class PulumiErrorClassifierTests
{
    [Theory]
    [InlineData("error: no stack named 'dev' found", 255, typeof(StackNotFoundException))]
    [InlineData("error: stack 'organization/demo/dev' already exists", 1, typeof(StackAlreadyExistsException))]
    [InlineData("error: the stack is currently locked by 1 lock(s). Either wait for the other process(es) to end or delete the lock file with `pulumi cancel`.\n  file:///s/.pulumi/locks/organization/demo/dev/x.json: created by a@h (pid 1) at 2026-01-05T10:00:00Z", 1, typeof(ConcurrentUpdateException))]
    [InlineData("error: [409] Conflict: Another update is currently in progress.\nhttps://www.pulumi.com/docs/troubleshooting/", 255, typeof(ConcurrentUpdateException))]
    [InlineData("error: no changes were expected for update but changes were proposed", 7, typeof(NoChangesExpectedException))]
    [InlineData("error: error: no changes were expected but changes were proposed", 255, typeof(NoChangesExpectedException))]
    [InlineData("error: failed to decrypt: incorrect passphrase, please set PULUMI_CONFIG_PASSPHRASE to the correct passphrase", 255, typeof(PulumiAuthenticationException))]
    [InlineData("error: something we do not know", 1, typeof(PulumiCommandException))]
    public void Classify_StandardErrorText_MapsToTypedException(string standardError, int exitCode, Type expected)
    {
        var exception = PulumiErrorClassifier.Classify("up", exitCode, "", standardError);

        Assert.Equal(expected, exception.GetType());
        Assert.Equal(exitCode, exception.ExitCode);
        Assert.Equal(standardError, exception.StandardError);
        Assert.Contains($"code: {exitCode}", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(6, typeof(StackNotFoundException))]
    [InlineData(7, typeof(NoChangesExpectedException))]
    [InlineData(3, typeof(PulumiAuthenticationException))]
    [InlineData(2, typeof(PulumiCommandException))]
    public void Classify_NewerExitCodesWithUnknownText_MapByExitCode(int exitCode, Type expected)
    {
        Assert.Equal(expected, PulumiErrorClassifier.Classify("stack select", exitCode, "", "error: reworded message").GetType());
    }

    [Fact]
    public void Classify_StackNotFoundTextWithGenericExitCode_StderrWins()
    {
        Assert.IsType<StackNotFoundException>(PulumiErrorClassifier.Classify("stack select", 1, "", "error: no stack named 'prod' found"));
    }

    [Fact]
    public void Errors_UpOutputWithResourceDiagnostics_KeepsTheReasonsWithoutTheClosingLine()
    {
        const string stdout = """
            Updating (orders):
             ~  kubernetes:apps/v1:Deployment deployment updating
                error: [Progressing] Deployment 'api' exceeded its progress deadline: ReplicaSet "api-7b" has timed out progressing.
             ~  kubernetes:apps/v1:Deployment deployment **updating failed**
            error: update failed
            Resources:
                6 unchanged
            """;

        var exception = PulumiErrorClassifier.Classify("up", 1, stdout, "");

        Assert.Equal(["[Progressing] Deployment 'api' exceeded its progress deadline: ReplicaSet \"api-7b\" has timed out progressing."], exception.Errors);
        Assert.Empty(PulumiErrorClassifier.Classify("up", 1, "error: update failed\n", "").Errors);
    }
}
