namespace Portal.Sandbox.Kubernetes.Store;

/// <summary>A kind the sandbox serves: its REST coordinates, discovery names and server-side semantics.</summary>
internal sealed record ResourceType(
    string Group,
    string Version,
    string Plural,
    string Singular,
    string Kind,
    bool Namespaced,
    string[] ShortNames,
    bool HasStatusSubresource,
    bool HasGeneration)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string GroupVersion => ApiVersion;

    /// <summary>"deployments.apps", or "pods" for the core group: the form used in error messages.</summary>
    public string QualifiedName => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public static readonly string[] AllVerbs = ["create", "delete", "get", "list", "patch", "update", "watch"];
}
