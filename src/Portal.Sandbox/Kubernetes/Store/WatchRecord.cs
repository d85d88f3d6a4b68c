using System.Text.Json.Nodes;

namespace Portal.Sandbox.Kubernetes.Store;

/// <summary>One change in the store's history: what watch streams replay and controllers react to.</summary>
internal sealed record WatchRecord(long ResourceVersion, ResourceType Type, string EventType, JsonObject Object, JsonObject? Previous)
{
    public string Namespace => Object["metadata"]?["namespace"]?.GetValue<string>() ?? "";
}
