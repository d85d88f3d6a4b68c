using Portal.Web.State;

namespace Portal.Web.Tests.State;

public sealed class JobErrorSummaryTests
{
    [Fact]
    public void Summarize_PulumiOutput_KeepsTheErrorLines()
    {
        const string error = "'up' failed\ncode: 1\nstdout: + vpc creating\n    error: timed out waiting for Deployment 'web'\n    error: update failed\nDuration: 32s";

        Assert.Equal("error: timed out waiting for Deployment 'web'", JobErrorSummary.Summarize(error));
        Assert.True(JobErrorSummary.IsShortened(error));
    }

    [Fact]
    public void Summarize_OneLine_IsTheLine()
    {
        Assert.Equal("The portal stopped.", JobErrorSummary.Summarize("The portal stopped."));
        Assert.False(JobErrorSummary.IsShortened("The portal stopped."));
    }
}
