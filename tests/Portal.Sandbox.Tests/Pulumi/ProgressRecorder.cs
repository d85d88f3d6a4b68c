using System.Collections.Concurrent;
using Portal.Provisioning.Pulumi;

namespace Portal.Sandbox.Tests.Pulumi;

/// <summary>Collects the driver's progress and signals when a resource of a given name starts.</summary>
internal sealed class ProgressRecorder
{
    private readonly ConcurrentQueue<StackProgress> _items = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _started = new();

    public IReadOnlyList<StackProgress> Items => [.. _items];

    public IEnumerable<ResourceProgress> Resources => Items.OfType<ResourceProgress>();

    public StackProgressHandler Handler => (progress, _) =>
    {
        _items.Enqueue(progress);
        if (progress is ResourceProgress { Phase: ResourceEventPhase.Started } resource)
        {
            Started(resource.Name).TrySetResult();
        }

        return ValueTask.CompletedTask;
    };

    public Task WhenStartedAsync(string name) => Started(name).Task.WaitAsync(TimeSpan.FromSeconds(30));

    private TaskCompletionSource Started(string name) => _started.GetOrAdd(name, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
