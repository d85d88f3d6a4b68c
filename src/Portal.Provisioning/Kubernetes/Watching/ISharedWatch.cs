namespace Portal.Provisioning.Kubernetes.Watching;

/// <summary>The non-generic face of a shared watch, so the hub can hold watches of different kinds in one map.</summary>
internal interface ISharedWatch : IAsyncDisposable, IDisposable
{
    string Key { get; }
}
