using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Sandbox.Kubernetes.Selectors;
using Portal.Sandbox.Kubernetes.Store;

namespace Portal.Sandbox.Kubernetes.Api;

internal sealed partial class ApiRequestHandler
{
    /// <summary>The apiserver's default watch length when the client asks for none (min-request-timeout).</summary>
    private static readonly TimeSpan s_defaultWatchTimeout = TimeSpan.FromMinutes(30);

    /// <summary>
    /// One JSON event per line, flushed. Selector changes turn MODIFIED into ADDED/DELETED as the watch cache does.
    /// A too-old resourceVersion is answered in-stream: 200, one ERROR event with a 410 Expired Status, end.
    /// </summary>
    private async Task WatchAsync(HttpContext context, ApiRoute route)
    {
        var query = context.Request.Query;
        var labels = LabelSelector.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(query["fieldSelector"]);
        var table = WantsTable(context.Request);
        var bookmarks = IsTrue(query["allowWatchBookmarks"]);
        var timeout = int.TryParse(query["timeoutSeconds"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds) : s_defaultWatchTimeout;
        long? from = long.TryParse(query["resourceVersion"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var rv) ? rv : null;

        context.Response.StatusCode = 200;
        context.Response.ContentType = table ? TableContentType : JsonContentType;
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted); // HTTP/2 holds the headers until a flush; clients wait for them
        var state = new WatchStreamState(context, route.Type, table);

        List<WatchRecord> backlog;
        StoreSubscription subscription;
        try
        {
            (backlog, subscription) = Store.Watch(route.Type, route.Namespace, from);
        }
        catch (ApiError error)
        {
            await state.WriteEventAsync("ERROR", error.ToStatus());
            return;
        }

        using (subscription)
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted))
        {
            deadline.CancelAfter(timeout);
            try
            {
                foreach (var record in backlog)
                {
                    await SendAsync(state, record, labels, fields);
                }

                await StreamAsync(state, subscription, labels, fields, bookmarks, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                // timeoutSeconds reached or the client went away: the stream just ends, as on a real server
            }
        }
    }

    private async Task StreamAsync(WatchStreamState state, StoreSubscription subscription, LabelSelector labels, FieldSelector fields, bool bookmarks, CancellationToken token)
    {
        var reader = subscription.Reader;
        while (true)
        {
            var waitForData = reader.WaitToReadAsync(token).AsTask();
            if (bookmarks)
            {
                var tick = Task.Delay(cluster.Options.BookmarkInterval, token);
                if (await Task.WhenAny(waitForData, tick) == tick)
                {
                    // Read the version before checking the queue: every change up to it is then already queued or sent.
                    var version = Store.CurrentVersion;
                    if (!reader.TryPeek(out _))
                    {
                        await state.WriteEventAsync("BOOKMARK", new JsonObject
                        {
                            ["kind"] = state.Type.Kind,
                            ["apiVersion"] = state.Type.ApiVersion,
                            ["metadata"] = new JsonObject { ["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture) },
                        });
                    }

                    continue;
                }
            }

            if (!await waitForData)
            {
                return; // history expired: the client must re-watch (and will get 410)
            }

            while (reader.TryRead(out var record))
            {
                await SendAsync(state, record, labels, fields);
            }
        }
    }

    private static async Task SendAsync(WatchStreamState state, WatchRecord record, LabelSelector labels, FieldSelector fields)
    {
        var now = Matches(record.Object, labels, fields);
        var before = record.Previous is not null && Matches(record.Previous, labels, fields);
        var type = record.EventType switch
        {
            "ADDED" when now => "ADDED",
            "MODIFIED" when now && before => "MODIFIED",
            "MODIFIED" when now => "ADDED",
            "MODIFIED" when before => "DELETED",
            "DELETED" when now || before => "DELETED",
            _ => null,
        };
        if (type is not null)
        {
            await state.WriteEventAsync(type, record.Object);
        }
    }

    private static bool Matches(JsonObject item, LabelSelector labels, FieldSelector fields) => labels.Matches(item) && fields.Matches(item);

    /// <summary>Per-stream writer: Table watches carry column definitions in their first event only (as response.go does).</summary>
    private sealed class WatchStreamState(HttpContext context, ResourceType type, bool table)
    {
        private static readonly byte[] s_newLine = "\n"u8.ToArray();
        private bool _columnsSent;

        public ResourceType Type => type;

        public async Task WriteEventAsync(string eventType, JsonNode item)
        {
            var body = context.Response.Body;
            await using (var writer = new Utf8JsonWriter(body))
            {
                writer.WriteStartObject();
                writer.WriteString("type", eventType);
                writer.WritePropertyName("object");
                if (table && eventType is not ("ERROR" or "BOOKMARK"))
                {
                    var version = JsonValues.AsString(item["metadata"]?["resourceVersion"]);
                    TableConverter.ToTable(type, [(JsonObject)item], version, DateTimeOffset.UtcNow, includeColumns: !_columnsSent).WriteTo(writer);
                    _columnsSent = true;
                }
                else
                {
                    item.WriteTo(writer);
                }

                writer.WriteEndObject();
            }

            await body.WriteAsync(s_newLine, context.RequestAborted);
            await body.FlushAsync(context.RequestAborted);
        }
    }
}
