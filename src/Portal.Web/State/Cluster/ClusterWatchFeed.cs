using System.Collections.Concurrent;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Authentication;
using Portal.Provisioning.Kubernetes.Configuration;
using Portal.Provisioning.Kubernetes.Errors;
using Portal.Provisioning.Kubernetes.Models;
using Portal.Provisioning.Kubernetes.Watching;

namespace Portal.Web.State.Cluster;

/// <summary>
/// Feeds a <see cref="ClusterObjectsState"/> from the shared watches of one environment's cluster: one subscription per kind
/// and watched namespace, each sharing the hub's single upstream watch with every other viewer of that cluster. The hub
/// retries dropped connections by itself; a subscription that ends in an error (401/403 on the first list) is shown in
/// <see cref="Errors"/> and tried again with back-off. With <see cref="ReachabilityProbeInterval"/> set, the cluster's
/// /version is polled so an unreachable cluster is said plainly instead of the view simply going quiet.
/// <paramref name="changed"/> is called from watch threads after each visible change: callers throttle and marshal it.
/// </summary>
public sealed class ClusterWatchFeed(ISharedWatchHub hub, EnvironmentCluster cluster, ClusterObjectsState state, ClusterObjectKinds kinds, Action changed)
    : IAsyncDisposable
{
    /// <summary>The first pause before re-subscribing after a failed subscription.</summary>
    public static readonly TimeSpan DefaultInitialRetryDelay = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan s_probeTimeout = TimeSpan.FromSeconds(10);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, string> _errors = new(StringComparer.Ordinal);
    private readonly List<Task> _loops = [];
    private bool _started;

    public ClusterObjectsState State => state;

    /// <summary>How often to check that the cluster answers; null (the default) does not check.</summary>
    public TimeSpan? ReachabilityProbeInterval { get; init; }

    /// <summary>Back-off before re-subscribing after a subscription failed; it doubles up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan InitialRetryDelay { get; init; } = DefaultInitialRetryDelay;

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The current problems, one message each (empty when all is well).</summary>
    /// <remarks>
    /// <see cref="ConcurrentDictionary{TKey,TValue}.ToArray"/> takes an atomic snapshot; LINQ straight over the dictionary
    /// sizes its buffer from Count and then copies, which throws when a watch loop adds an error in between.
    /// </remarks>
    public IReadOnlyList<string> Errors => [.. _errors.ToArray().OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Value).Distinct()];

    public void Start()
    {
        ObjectDisposedException.ThrowIf(_stop.IsCancellationRequested, this);
        if (_started)
        {
            return;
        }

        _started = true;
        var token = _stop.Token;
        foreach (var ns in state.WatchedNamespaces)
        {
            if (kinds.HasFlag(ClusterObjectKinds.Deployments))
            {
                _loops.Add(RunAsync(KubernetesResources.Deployments, ns, state.Apply, token));
            }

            if (kinds.HasFlag(ClusterObjectKinds.Pods))
            {
                _loops.Add(RunAsync(KubernetesResources.Pods, ns, state.Apply, token));
            }

            if (kinds.HasFlag(ClusterObjectKinds.Services))
            {
                _loops.Add(RunAsync(KubernetesResources.Services, ns, state.Apply, token));
            }

            if (kinds.HasFlag(ClusterObjectKinds.Events))
            {
                _loops.Add(RunAsync(KubernetesResources.Events, ns, state.Apply, token));
            }

            if (kinds.HasFlag(ClusterObjectKinds.ReplicaSets))
            {
                _loops.Add(RunAsync(KubernetesResources.ReplicaSets, ns, state.Apply, token));
            }
        }

        if (ReachabilityProbeInterval is { } interval)
        {
            _loops.Add(ProbeAsync(interval, token));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_loops);
        }
        catch (OperationCanceledException)
        {
            // expected: the loops end on cancellation
        }

        _stop.Dispose();
    }

    /// <summary>A message an operator can act on, for the failures a watch or a probe meets.</summary>
    public static string Describe(Exception exception, string? what = null) => exception switch
    {
        KubernetesUnauthorizedException ex => $"The cluster rejected the portal's credentials (401 Unauthorized): {ex.Message}",
        KubernetesForbiddenException ex => $"The portal may not {what ?? "read this"} in this cluster (403 Forbidden): {ex.Message}",
        KubernetesApiException ex => $"The cluster answered {(int)ex.StatusCode} {ex.Reason}: {ex.Message}",
        HttpRequestException ex => $"The cluster is unreachable: {ex.Message}",
        TimeoutException or TaskCanceledException => "The cluster did not answer in time.",
        KubeconfigException or CredentialPluginException => $"The environment's kubeconfig cannot be used: {exception.Message}",
        _ => exception.Message,
    };

    private async Task RunAsync<T>(KubernetesResource<T> resource, string? ns, Func<ResourceChange<T>, string?, bool> apply, CancellationToken cancellationToken)
        where T : class, IKubernetesObject
    {
        var key = $"watch {resource} {ns}";
        var delay = InitialRetryDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                // The hub's signature asks for a namespace; null is what makes the upstream watch cluster-wide.
                await foreach (var change in hub.SubscribeAsync(cluster.Name, cluster.Client, resource, ns, cancellationToken))
                {
                    delay = InitialRetryDelay;
                    var cleared = _errors.TryRemove(key, out _);
                    if (apply(change, ns) || cleared)
                    {
                        changed();
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _errors[key] = Describe(ex, $"watch {resource}" + (ns is null ? "" : $" in {ns}"));
                changed();
            }

            // The subscription ended (failed, or its upstream closed): subscribe again after a pause.
            try
            {
                await Task.Delay(delay, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    private async Task ProbeAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        const string Key = "probe";
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(s_probeTimeout);
                await cluster.Client.GetVersionAsync(timeout.Token);
                if (_errors.TryRemove(Key, out _))
                {
                    changed();
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                var message = Describe(ex is OperationCanceledException ? new TimeoutException() : ex, "read the version");
                if (!_errors.TryGetValue(Key, out var previous) || previous != message)
                {
                    _errors[Key] = message;
                    changed();
                }
            }

            try
            {
                await Task.Delay(interval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
