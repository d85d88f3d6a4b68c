namespace Portal.Provisioning.Kubernetes;

public enum PatchType
{
    /// <summary>application/strategic-merge-patch+json: lists such as containers merge by their key (name).</summary>
    StrategicMerge,

    /// <summary>application/merge-patch+json (RFC 7386): lists are replaced whole.</summary>
    Merge,

    /// <summary>application/json-patch+json (RFC 6902).</summary>
    Json,
}
