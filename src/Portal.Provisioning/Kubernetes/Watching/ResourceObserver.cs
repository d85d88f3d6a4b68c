using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Provisioning.Kubernetes.Errors;
using Portal.Provisioning.Kubernetes.Models;

namespace Portal.Provisioning.Kubernetes.Watching;

/// <summary>
/// The informer loop: list, then watch from the list's resourceVersion with bookmarks; on a closed stream re-watch from the
/// last version seen; on 410 (in-stream ERROR or HTTP status) re-list and emit the difference; on other failures back off
/// exponentially and try again (re-listing after an ERROR event, as client-go's reflector does). Runs until cancelled.
/// Only the first list fails fast on 401/403/404, so a viewer learns at once that it may not (or cannot) watch.
/// </summary>
public sealed class ResourceObserver<T>(IClusterClient client, KubernetesResource<T> resource, string? ns, ObserveOptions options, ILogger? logger = null)
    where T : class, IKubernetesObject
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly Dictionary<string, T> _cache = new(StringComparer.Ordinal);

    public async IAsyncEnumerable<ResourceChange<T>> ObserveAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var backoff = options.InitialBackoff;
        var resourceVersion = await ListWithRetryAsync(initial: true, cancellationToken);
        yield return ResourceChange<T>.SnapshotOf([.. _cache.Values]);
        var path = resource.CollectionPath(ns);

        while (!cancellationToken.IsCancellationRequested)
        {
            var relist = false;
            var watchOptions = new WatchOptions
            {
                ResourceVersion = resourceVersion,
                LabelSelector = options.LabelSelector,
                FieldSelector = options.FieldSelector,
                Timeout = options.WatchTimeout,
            };
            await using (var events = client.WatchAsync(resource, ns, watchOptions, cancellationToken).GetAsyncEnumerator(cancellationToken))
            {
                while (true)
                {
                    Exception? failure = null;
                    var hasNext = false;
                    try
                    {
                        hasNext = await events.MoveNextAsync();
                    }
                    catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
                    {
                        failure = ex;
                    }

                    if (failure is not null)
                    {
                        KubernetesLog.WatchReconnecting(_logger, failure, path, backoff);
                        await Task.Delay(backoff, cancellationToken);
                        backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.MaxBackoff.Ticks));
                        break;
                    }

                    if (!hasNext)
                    {
                        break; // the server ended the watch (timeoutSeconds): re-watch from the last version seen
                    }

                    var change = events.Current;
                    backoff = options.InitialBackoff;
                    if (change.Type == WatchEventType.Error)
                    {
                        relist = true;
                        if (change.Error?.Code == 410)
                        {
                            KubernetesLog.WatchExpired(_logger, path);
                            break;
                        }

                        KubernetesLog.WatchReconnecting(_logger, KubernetesApiException.From(change.Error ?? new Status { Code = 500, Message = "watch error without a status" }), path, backoff);
                        await Task.Delay(backoff, cancellationToken);
                        backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.MaxBackoff.Ticks));
                        break;
                    }

                    resourceVersion = change.Item?.Metadata.ResourceVersion ?? resourceVersion;
                    if (change.Type == WatchEventType.Bookmark || change.Item is null)
                    {
                        continue;
                    }

                    var key = Key(change.Item);
                    if (change.Type == WatchEventType.Deleted)
                    {
                        _cache.Remove(key);
                        yield return ResourceChange<T>.Of(ResourceChangeType.Deleted, change.Item);
                    }
                    else
                    {
                        var existed = _cache.ContainsKey(key);
                        _cache[key] = change.Item;
                        yield return ResourceChange<T>.Of(existed ? ResourceChangeType.Modified : ResourceChangeType.Added, change.Item);
                    }
                }
            }

            if (relist)
            {
                var before = new Dictionary<string, T>(_cache, StringComparer.Ordinal);
                resourceVersion = await ListWithRetryAsync(initial: false, cancellationToken);
                foreach (var change in Diff(before, _cache))
                {
                    yield return change;
                }
            }
        }
    }

    private static IEnumerable<ResourceChange<T>> Diff(Dictionary<string, T> before, Dictionary<string, T> after)
    {
        foreach (var (key, item) in before)
        {
            if (!after.ContainsKey(key))
            {
                yield return ResourceChange<T>.Of(ResourceChangeType.Deleted, item);
            }
        }

        foreach (var (key, item) in after)
        {
            if (!before.TryGetValue(key, out var old))
            {
                yield return ResourceChange<T>.Of(ResourceChangeType.Added, item);
            }
            else if (old.Metadata.ResourceVersion != item.Metadata.ResourceVersion)
            {
                yield return ResourceChange<T>.Of(ResourceChangeType.Modified, item);
            }
        }
    }

    private static string Key(T item) => $"{item.Metadata.Namespace}/{item.Metadata.Name}";

    private async Task<string?> ListWithRetryAsync(bool initial, CancellationToken cancellationToken)
    {
        var backoff = options.InitialBackoff;
        while (true)
        {
            try
            {
                options.OnList?.Invoke();
                var list = await client.ListAllAsync(resource, ns, new ListOptions { LabelSelector = options.LabelSelector, FieldSelector = options.FieldSelector }, cancellationToken);
                _cache.Clear();
                foreach (var item in list.Items)
                {
                    _cache[Key(item)] = item;
                }

                return list.Metadata.ResourceVersion;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OperationCanceledException
                && !(initial && ex is KubernetesApiException { Status.Code: 401 or 403 or 404 }))
            {
                KubernetesLog.WatchReconnecting(_logger, ex, resource.CollectionPath(ns), backoff);
                await Task.Delay(backoff, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.MaxBackoff.Ticks));
            }
        }
    }
}
