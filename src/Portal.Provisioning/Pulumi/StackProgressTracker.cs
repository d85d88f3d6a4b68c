namespace Portal.Provisioning.Pulumi;

/// <summary>Folds the progress stream into per-resource state and counts, for live views. Thread-safe: feed it from
/// the progress handler, read <see cref="Snapshot"/> from anywhere.</summary>
public sealed class StackProgressTracker
{
    private readonly Lock _gate = new();
    private readonly List<string> _order = [];
    private readonly Dictionary<string, ResourceStatus> _resources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _completed = new(StringComparer.Ordinal);
    private readonly List<string> _errors = [];
    private SummaryProgress? _summary;

    /// <summary>A handler that feeds this tracker and then <paramref name="next"/>, if any.</summary>
    public StackProgressHandler Handler(StackProgressHandler? next = null) => (progress, cancellationToken) =>
    {
        Apply(progress);
        return next?.Invoke(progress, cancellationToken) ?? ValueTask.CompletedTask;
    };

    public void Apply(StackProgress progress)
    {
        lock (_gate)
        {
            switch (progress)
            {
                case ResourceProgress resource:
                    ApplyResource(resource);
                    break;
                case DiagnosticProgress { Severity: "error" } diagnostic:
                    _errors.Add(diagnostic.Message.TrimEnd('\n'));
                    if (diagnostic.Urn is { } urn && _resources.TryGetValue(urn, out var failed))
                    {
                        _resources[urn] = failed with { Error = diagnostic.Message.TrimEnd('\n') };
                    }

                    break;
                case SummaryProgress summary:
                    _summary = summary;
                    break;
            }
        }
    }

    public StackProgressSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new StackProgressSnapshot(
                [.. _order.Select(urn => _resources[urn])],
                new Dictionary<string, int>(_completed, StringComparer.Ordinal),
                [.. _errors],
                _summary);
        }
    }

    private void ApplyResource(ResourceProgress resource)
    {
        var known = _resources.TryGetValue(resource.Urn, out var current);
        if (!known)
        {
            _order.Add(resource.Urn);
        }

        switch (resource.Phase)
        {
            case ResourceEventPhase.Started:
                _resources[resource.Urn] = new ResourceStatus(
                    resource.Urn, resource.Type, resource.Name, resource.Operation, ResourceStepState.Running, resource.Timestamp, null, current?.Error);
                break;
            case ResourceEventPhase.Completed:
                _completed[resource.Operation] = _completed.GetValueOrDefault(resource.Operation) + 1;
                _resources[resource.Urn] = new ResourceStatus(
                    resource.Urn, resource.Type, resource.Name, resource.Operation, ResourceStepState.Done, current?.StartedAt ?? resource.Timestamp, resource.Timestamp, null);
                break;
            case ResourceEventPhase.Failed:
                _resources[resource.Urn] = new ResourceStatus(
                    resource.Urn, resource.Type, resource.Name, resource.Operation, ResourceStepState.Failed, current?.StartedAt ?? resource.Timestamp, resource.Timestamp, current?.Error);
                break;
        }
    }
}
