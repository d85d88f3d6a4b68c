using Portal.Provisioning.Kubernetes;

namespace Portal.Provisioning.Tests.Kubernetes;

public class KubernetesOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        Assert.True(new KubernetesOptionsValidator().Validate(null, new KubernetesOptions()).Succeeded);
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEveryOne()
    {
        var options = new KubernetesOptions
        {
            InCluster = true,
            KubeconfigPath = "/nonexistent/kubeconfig",
            RequestTimeout = TimeSpan.Zero,
            ListPageSize = 0,
        };

        var result = new KubernetesOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(4, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.Contains("RequestTimeout", StringComparison.Ordinal));
    }
}
