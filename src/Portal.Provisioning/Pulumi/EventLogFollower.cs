using Microsoft.Extensions.Logging;

namespace Portal.Provisioning.Pulumi;

/// <summary>Polls the event log while the CLI runs, publishes each event as typed progress, and stops at
/// <c>cancelEvent</c> or, after the CLI exited, at the end of the file.</summary>
internal sealed class EventLogFollower(EventLogTailer tailer, ProgressDispatcher dispatcher, TimeProvider time, TimeSpan pollInterval, ILogger logger)
{
    public SummaryProgress? Summary { get; private set; }

    public async Task FollowAsync(Task process)
    {
        var ended = false;
        while (!ended)
        {
            var exited = process.IsCompleted;
            IReadOnlyList<string> lines;
            try
            {
                lines = await tailer.ReadLinesAsync(final: exited, CancellationToken.None);
            }
            catch (IOException)
            {
                lines = [];
            }

            foreach (var line in lines)
            {
                var progress = EngineEventParser.Parse(line, time, out var endOfStream);
                if (progress is MalformedEventProgress malformed)
                {
                    PulumiLog.MalformedEvent(logger, malformed.Error);
                }

                if (progress is SummaryProgress summary)
                {
                    Summary = summary;
                }

                if (progress is not null)
                {
                    await dispatcher.PublishAsync(progress);
                }

                if (endOfStream)
                {
                    ended = true;
                    break;
                }
            }

            if (exited)
            {
                break;
            }

            if (!ended)
            {
                await Task.WhenAny(process, Task.Delay(pollInterval, time));
            }
        }
    }
}
