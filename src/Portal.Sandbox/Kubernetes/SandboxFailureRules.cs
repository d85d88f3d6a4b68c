namespace Portal.Sandbox.Kubernetes;

/// <summary>
/// How an image decides a pod's fate in the sandbox (documented in README.md):
/// a tag containing <see cref="CrashTagMarker"/> starts, then exits 1 and ends in CrashLoopBackOff;
/// an image from a registry not in <see cref="KnownRegistries"/>, or a tag containing <see cref="MissingTagMarker"/>,
/// fails with ErrImagePull then ImagePullBackOff; a tag containing <see cref="UnschedulableTagMarker"/> stays Pending.
/// Any of these keeps a rollout from progressing, so it ends in ProgressDeadlineExceeded.
/// </summary>
public sealed class SandboxFailureRules
{
    public string CrashTagMarker { get; set; } = "crash";

    public string MissingTagMarker { get; set; } = "doesnotexist";

    public string UnschedulableTagMarker { get; set; } = "unschedulable";

    /// <summary>Registry hosts images may come from; <c>*</c> matches one DNS label. Images without a host are docker.io.</summary>
    public IList<string> KnownRegistries { get; } =
    [
        "docker.io", "registry-1.docker.io", "registry.k8s.io", "public.ecr.aws", "ghcr.io", "quay.io", "gcr.io", "mcr.microsoft.com",
        "*.dkr.ecr.*.amazonaws.com", "localhost", "registry.sandbox.local",
    ];
}
