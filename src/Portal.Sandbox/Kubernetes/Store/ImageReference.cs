namespace Portal.Sandbox.Kubernetes.Store;

/// <summary>Splits an image reference the way container runtimes do: [registry/]repository[:tag][@digest].</summary>
internal readonly record struct ImageReference(string Registry, string Repository, string Tag)
{
    public static ImageReference Parse(string image)
    {
        var rest = image.Split('@')[0];
        var registry = "docker.io";
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            var first = rest[..slash];
            if (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost")
            {
                registry = first.Split(':')[0];
                rest = rest[(slash + 1)..];
            }
        }

        var colon = rest.LastIndexOf(':');
        return colon > 0 ? new ImageReference(registry, rest[..colon], rest[(colon + 1)..]) : new ImageReference(registry, rest, "latest");
    }
}
