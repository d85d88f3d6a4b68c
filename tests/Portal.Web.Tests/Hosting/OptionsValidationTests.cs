using Microsoft.Extensions.Options;

namespace Portal.Web.Tests.Hosting;

public sealed class OptionsValidationTests
{
    [Fact]
    public async Task Startup_InvalidSettingsInTwoSections_FailsListingEveryError()
    {
        await using var factory = new PortalWebFactory(new Dictionary<string, string?>
        {
            ["Jobs:WorkerCount"] = "0",
            ["Jobs:LiveLogLineCap"] = "5",
            ["Portal:DatabaseBusyTimeoutMilliseconds"] = "1",
        });

        var exception = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var messages = Flatten(exception).OfType<OptionsValidationException>().SelectMany(e => e.Failures).ToList();
        Assert.Contains(messages, m => m.Contains("Jobs:WorkerCount", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Jobs:LiveLogLineCap", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Portal:DatabaseBusyTimeoutMilliseconds", StringComparison.Ordinal));
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        yield return exception;
        IEnumerable<Exception> inner = exception is AggregateException aggregate ? aggregate.InnerExceptions : exception.InnerException is { } one ? [one] : [];
        foreach (var child in inner.SelectMany(Flatten))
        {
            yield return child;
        }
    }
}
