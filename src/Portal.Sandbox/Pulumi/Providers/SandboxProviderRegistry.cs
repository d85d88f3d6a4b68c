namespace Portal.Sandbox.Pulumi.Providers;

/// <summary>The provider families the sandbox simulates; the first that handles a type wins.</summary>
public sealed class SandboxProviderRegistry(IEnumerable<ISandboxResourceProvider> providers)
{
    private readonly List<ISandboxResourceProvider> _providers = [.. providers];

    /// <summary>All families, with Kubernetes resources applied through <paramref name="kubernetes"/>.</summary>
    public static SandboxProviderRegistry CreateDefault(ISandboxKubernetesApplier kubernetes) => new(
    [
        new AwsEc2Provider(),
        new AwsxVpcProvider(),
        new EksProvider(kubernetes),
        new EcrProvider(),
        new IamProvider(),
        new S3Provider(),
        new RandomProvider(),
        new HelmReleaseProvider(),
        new KubernetesProvider(kubernetes),
    ]);

    public ISandboxResourceProvider? Find(string type) => _providers.FirstOrDefault(p => p.CanHandle(type));

    public IEnumerable<string> Describe() =>
        ["aws:ec2:*", "awsx:ec2:Vpc", "aws:iam:*", "aws:ecr:Repository", "aws:s3:Bucket", "aws:s3:BucketV2", "eks:Cluster", "random:*", "kubernetes:*", "kubernetes:helm.sh/v3:Release", "pulumi:providers:kubernetes"];
}
