using Portal.Sandbox.Kubernetes.Store;

namespace Portal.Sandbox.Kubernetes.Controllers;

/// <summary>What the failure rules decide for an image.</summary>
internal enum ContainerFate
{
    Runs,
    Crashes,
    PullFails,
    Unschedulable,
}

internal static class ContainerFates
{
    public static ContainerFate Of(string image, SandboxFailureRules rules)
    {
        var reference = ImageReference.Parse(image);
        var tag = reference.Tag;
        if (tag.Contains(rules.UnschedulableTagMarker, StringComparison.OrdinalIgnoreCase))
        {
            return ContainerFate.Unschedulable;
        }

        if (!rules.KnownRegistries.Any(pattern => HostMatches(pattern, reference.Registry)) || tag.Contains(rules.MissingTagMarker, StringComparison.OrdinalIgnoreCase))
        {
            return ContainerFate.PullFails;
        }

        return tag.Contains(rules.CrashTagMarker, StringComparison.OrdinalIgnoreCase) ? ContainerFate.Crashes : ContainerFate.Runs;
    }

    private static bool HostMatches(string pattern, string host)
    {
        var patternLabels = pattern.Split('.');
        var hostLabels = host.Split('.');
        return patternLabels.Length == hostLabels.Length
            && patternLabels.Zip(hostLabels).All(pair => pair.First == "*" || string.Equals(pair.First, pair.Second, StringComparison.OrdinalIgnoreCase));
    }
}
