using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Sandbox.Kubernetes.Persistence;
using Portal.Sandbox.Kubernetes.Store;

namespace Portal.Sandbox.Tests.Kubernetes;

/// <summary>When the store is written to disk: soon after a burst of changes, regularly under constant change, and on dispose.</summary>
public sealed class StoreSnapshotWriterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("portal-snapshot-").FullName;
    private readonly ObjectStore _store = new(TimeProvider.System, 1000);

    private string SnapshotPath => Path.Combine(_directory, SandboxStateDirectory.ObjectsFile);

    [Fact]
    public async Task Start_NewStore_WritesAtOnce()
    {
        Create("seeded");
        await using var writer = Start();

        Assert.Equal(1, writer.SaveCount);
        Assert.Contains("seeded", Names(Read()));
    }

    [Fact]
    public async Task Changes_BurstThenQuiet_WrittenWithoutDispose()
    {
        await using var writer = Start();
        for (var i = 0; i < 20; i++)
        {
            Create($"burst-{i}");
        }

        // No wall-clock bound here (a busy CI machine stretches any): what matters is that a burst reaches the disk
        // without a dispose, whole, and in few writes rather than one per change.
        await Eventually.UntilAsync(() => Task.FromResult(writer.SaveCount > 1 && Names(Read()).Contains("burst-19")), TimeSpan.FromSeconds(10));
        Assert.InRange(writer.SaveCount - 1, 1, 5);
    }

    [Fact]
    public async Task Changes_Continuous_WrittenAtLeastEverySecond()
    {
        await using var writer = Start();
        var giveUp = Stopwatch.StartNew();
        var i = 0;

        // A change every 50 ms never leaves the quiet period a plain debounce would wait for, so only the maximum delay
        // can write. Changes go on until two writes land; the bound only stops a broken writer from hanging the run.
        while (writer.SaveCount - 1 < 2 && giveUp.Elapsed < TimeSpan.FromSeconds(30))
        {
            Create($"steady-{i++}");
            await Task.Delay(50);
        }

        Assert.True(writer.SaveCount - 1 >= 2, $"{writer.SaveCount - 1} writes after {i} changes 50 ms apart");
    }

    [Fact]
    public async Task DisposeAsync_AfterChanges_WritesACleanSnapshotOfEverything()
    {
        var writer = Start();
        Create("last");

        await writer.DisposeAsync();

        var snapshot = Read();
        Assert.True(snapshot.Clean);
        Assert.Contains("last", Names(snapshot));
        Assert.Equal(_store.CurrentVersion, snapshot.ResourceVersion);
    }

    [Fact]
    public async Task Restore_UncleanSnapshot_SkipsVersionsAheadAndExpiresOlderWatches()
    {
        await using (var writer = Start())
        {
            Create("kept");
        }

        var unclean = Read() with { Clean = false };
        var restored = new ObjectStore(TimeProvider.System, 1000);

        restored.Restore(unclean);

        Assert.Equal(unclean.ResourceVersion + ObjectStore.UncleanRestartVersionGap, restored.CurrentVersion);
        Assert.NotNull(restored.Get(ResourceTypes.ConfigMaps, "default", "kept"));
        var error = Assert.Throws<ApiError>(() => restored.Watch(ResourceTypes.ConfigMaps, "default", unclean.ResourceVersion));
        Assert.Equal(410, error.Code);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private StoreSnapshotWriter Start()
    {
        var writer = new StoreSnapshotWriter(_store, SnapshotPath, NullLogger.Instance);
        writer.Start();
        return writer;
    }

    private void Create(string name) => _store.Create(ResourceTypes.ConfigMaps, new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
    });

    private StoreSnapshot Read()
    {
        using var stream = File.OpenRead(SnapshotPath);
        return StoreSnapshot.Read(stream);
    }

    private static List<string> Names(StoreSnapshot snapshot) => [.. snapshot.Objects.Select(o => o.Object["metadata"]!["name"]!.GetValue<string>())];
}
