using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Portal.Provisioning.Kubernetes.Models;

namespace Portal.Provisioning.Kubernetes;

public sealed partial class ClusterClient
{
    /// <summary>Time without a single line (event or bookmark) after which a watch connection is presumed dead.</summary>
    private static readonly TimeSpan s_watchIdleGrace = TimeSpan.FromSeconds(30);

    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync<T>(
        KubernetesResource<T> resource, string? ns, WatchOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class, IKubernetesObject
    {
        ArgumentNullException.ThrowIfNull(options);
        var serverTimeout = options.Timeout ?? _options.WatchTimeout;
        var path = resource.CollectionPath(ns) + new QueryBuilder()
            .Add("watch", "true")
            .Add("resourceVersion", options.ResourceVersion)
            .Add("allowWatchBookmarks", options.AllowBookmarks ? "true" : null)
            .Add("labelSelector", options.LabelSelector)
            .Add("fieldSelector", options.FieldSelector)
            .Add("timeoutSeconds", ((int)serverTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture));

        // The connect phase is bounded like any call; the stream is bounded by the server timeout plus an idle guard.
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(_options.RequestTimeout);
        HttpResponseMessage? response;
        Status? gone = null;
        try
        {
            response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), HttpCompletionOption.ResponseHeadersRead, idle.Token, cancellationToken);
        }
        catch (Errors.KubernetesGoneException ex)
        {
            // A 410 can also come back as the HTTP status of the watch request itself: surface it like the in-stream form.
            gone = ex.Status;
            response = null;
        }

        if (gone is not null)
        {
            yield return new WatchEvent<T>(WatchEventType.Error, null, gone);
            yield break;
        }

        using (response!)
        {
            await using var stream = await response!.Content.ReadAsStreamAsync(idle.Token);
            using var reader = new StreamReader(stream);
            while (true)
            {
                idle.CancelAfter(serverTimeout + s_watchIdleGrace);
                string? line;
                try
                {
                    line = await reader.ReadLineAsync(idle.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new TimeoutException($"The watch of {path} went silent for longer than {(serverTimeout + s_watchIdleGrace).TotalSeconds:0}s.");
                }

                if (line is null)
                {
                    yield break;
                }

                if (line.Length > 0)
                {
                    yield return ParseWatchLine(line, resource);
                }
            }
        }
    }

    internal static WatchEvent<T> ParseWatchLine<T>(string line, KubernetesResource<T> resource)
        where T : class, IKubernetesObject
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var type = root.GetProperty("type").GetString() switch
        {
            "ADDED" => WatchEventType.Added,
            "MODIFIED" => WatchEventType.Modified,
            "DELETED" => WatchEventType.Deleted,
            "BOOKMARK" => WatchEventType.Bookmark,
            "ERROR" => WatchEventType.Error,
            var other => throw new JsonException($"Unknown watch event type '{other}'."),
        };
        var item = root.GetProperty("object");
        return type == WatchEventType.Error
            ? new WatchEvent<T>(type, null, item.Deserialize(KubernetesJsonContext.Default.Status))
            : new WatchEvent<T>(type, item.Deserialize(resource.TypeInfo), null);
    }
}
