using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Provisioning.Kubernetes;
using Portal.Provisioning.Kubernetes.Authentication;
using Portal.Provisioning.Kubernetes.Watching;

namespace Portal.Provisioning.Tests.Kubernetes;

public class ClusterClientFactoryTests
{
    private const string Kubeconfig = """
        {"apiVersion":"v1","kind":"Config","current-context":"c",
         "clusters":[{"name":"c","cluster":{"server":"https://127.0.0.1:6443","insecure-skip-tls-verify":true}}],
         "contexts":[{"name":"c","context":{"cluster":"c","user":"u","namespace":"shop"}}],
         "users":[{"name":"u","user":{"token":"t"}}]}
        """;

    [Fact]
    public void GetOrCreate_SameClusterAndKubeconfig_ReturnsTheSharedClient()
    {
        using var factory = CreateFactory();

        var first = factory.GetOrCreate("prod", Kubeconfig);
        var second = factory.GetOrCreate("prod", Kubeconfig);

        Assert.Same(first, second);
        Assert.Equal("shop", first.DefaultNamespace);
    }

    [Fact]
    public void GetOrCreate_KubeconfigChanged_BuildsANewClient()
    {
        using var factory = CreateFactory();

        var first = factory.GetOrCreate("prod", Kubeconfig);
        var second = factory.GetOrCreate("prod", Kubeconfig.Replace("6443", "7443", StringComparison.Ordinal));

        Assert.NotSame(first, second);
        Assert.Equal(7443, second.Server.Port);
    }

    [Fact]
    public void GetOrCreate_DifferentClusters_GetDifferentClients()
    {
        using var factory = CreateFactory();

        Assert.NotSame(factory.GetOrCreate("a", Kubeconfig), factory.GetOrCreate("b", Kubeconfig));
    }

    [Fact]
    public void GetDefault_KubeconfigPathOption_ReadsTheFile()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, Kubeconfig);
        try
        {
            using var factory = CreateFactory(new KubernetesOptions { KubeconfigPath = path });

            Assert.Equal(new Uri("https://127.0.0.1:6443"), factory.GetDefault().Server);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void AddPortalKubernetes_ValidSection_ResolvesSingletons()
    {
        using var provider = BuildProvider(new Dictionary<string, string?> { ["Kubernetes:RequestTimeout"] = "00:00:05" });

        Assert.Same(provider.GetRequiredService<IClusterClientFactory>(), provider.GetRequiredService<IClusterClientFactory>());
        Assert.NotNull(provider.GetRequiredService<ISharedWatchHub>());
        Assert.Equal(TimeSpan.FromSeconds(5), provider.GetRequiredService<IOptions<KubernetesOptions>>().Value.RequestTimeout);
    }

    [Fact]
    public void AddPortalKubernetes_InvalidSection_FailsValidationListingEveryError()
    {
        using var provider = BuildProvider(new Dictionary<string, string?> { ["Kubernetes:RequestTimeout"] = "00:00:00", ["Kubernetes:ListPageSize"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<KubernetesOptions>>().Value);

        Assert.Equal(2, error.Failures.Count());
    }

    private static ClusterClientFactory CreateFactory(KubernetesOptions? options = null) =>
        new(Options.Create(options ?? new KubernetesOptions()), new AwsSdkCredentialSource(), TimeProvider.System, NullLoggerFactory.Instance);

    private static ServiceProvider BuildProvider(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddPortalKubernetes();
        return services.BuildServiceProvider();
    }
}
