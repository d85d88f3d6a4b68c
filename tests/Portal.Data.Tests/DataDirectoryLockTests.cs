using Microsoft.Extensions.Options;
using Portal.Data.Tests.Infrastructure;

namespace Portal.Data.Tests;

public sealed class DataDirectoryLockTests
{
    [Fact]
    public void Acquire_DirectoryAlreadyHeld_RefusesWithAClearMessage()
    {
        var directory = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
        var options = Options.Create(new PortalOptions { DataDirectory = directory });
        try
        {
            using var first = new DataDirectoryLock(options);
            using var second = new DataDirectoryLock(options);
            first.Acquire();

            var error = Assert.Throws<InvalidOperationException>(second.Acquire);

            Assert.Contains("Another Portal process is using the data directory", error.Message, StringComparison.Ordinal);
            Assert.Contains(Path.GetFullPath(directory), error.Message, StringComparison.Ordinal);
            Assert.Contains("Portal:DataDirectory", error.Message, StringComparison.Ordinal);

            // Once the holder lets go, the directory can be taken.
            first.Dispose();
            second.Acquire();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task StartAsync_SecondHostOnTheSameDataDirectory_FailsToStart()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var second = TestDatabase.BuildHost(database.Directory);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => second.StartAsync());

        Assert.Contains("Another Portal process", error.Message, StringComparison.Ordinal);
    }
}
