using System.Text;
using Portal.Provisioning.Pulumi;

namespace Portal.Provisioning.Tests.Pulumi;

public sealed class EventLogTailerTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"tailer-{Guid.NewGuid():N}.txt");

    [Fact]
    public async Task ReadLinesAsync_FileNotCreatedYet_ReturnsNothing()
    {
        using var tailer = new EventLogTailer(_path);

        Assert.Empty(await tailer.ReadLinesAsync(final: false, CancellationToken.None));
    }

    [Fact]
    public async Task ReadLinesAsync_LineWrittenInPieces_IsDeliveredOnceComplete()
    {
        using var tailer = new EventLogTailer(_path);
        await using var writer = new FileStream(_path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);

        await WriteAsync(writer, "{\"sequence\":0,");
        Assert.Empty(await tailer.ReadLinesAsync(final: false, CancellationToken.None));

        await WriteAsync(writer, "\"timestamp\":1}\n{\"seq");
        Assert.Equal(["{\"sequence\":0,\"timestamp\":1}"], await tailer.ReadLinesAsync(final: false, CancellationToken.None));

        await WriteAsync(writer, "uence\":1}\n\n");
        Assert.Equal(["{\"sequence\":1}"], await tailer.ReadLinesAsync(final: false, CancellationToken.None));
    }

    [Fact]
    public async Task ReadLinesAsync_FinalRead_ReturnsTrailingLineWithoutNewline()
    {
        using var tailer = new EventLogTailer(_path);
        await File.WriteAllTextAsync(_path, "a\nb-without-newline");

        Assert.Equal(["a"], await tailer.ReadLinesAsync(final: false, CancellationToken.None));
        Assert.Equal(["b-without-newline"], await tailer.ReadLinesAsync(final: true, CancellationToken.None));
        Assert.Empty(await tailer.ReadLinesAsync(final: true, CancellationToken.None));
    }

    [Fact]
    public async Task ReadLinesAsync_MultiByteCharacterSplitAcrossWrites_DecodesCorrectly()
    {
        using var tailer = new EventLogTailer(_path);
        await using var writer = new FileStream(_path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
        var bytes = Encoding.UTF8.GetBytes("héllo ✓\n");

        await writer.WriteAsync(bytes.AsMemory(0, 2));
        await writer.FlushAsync();
        Assert.Empty(await tailer.ReadLinesAsync(final: false, CancellationToken.None));
        await writer.WriteAsync(bytes.AsMemory(2));
        await writer.FlushAsync();

        Assert.Equal(["héllo ✓"], await tailer.ReadLinesAsync(final: false, CancellationToken.None));
    }

    public void Dispose() => File.Delete(_path);

    private static async Task WriteAsync(FileStream stream, string text)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text));
        await stream.FlushAsync();
    }
}
