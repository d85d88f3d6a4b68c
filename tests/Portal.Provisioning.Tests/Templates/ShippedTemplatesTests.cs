using Portal.Data.Entities;
using Portal.Provisioning.Templates;

namespace Portal.Provisioning.Tests.Templates;

public sealed class ShippedTemplatesTests
{
    private static readonly string[] s_allClasses = ["Development", "Staging", "Production", "Ephemeral"];

    [Fact]
    public void Load_RepositoryTemplates_LoadsBothWithoutProblems()
    {
        var catalog = TemplateFolder.Load(Path.Combine(RepositoryRoot(), "templates"));

        Assert.Empty(catalog.Problems);
        Assert.Equal(["app-service", "eks-environment"], catalog.Templates.Select(t => t.Name));
    }

    [Fact]
    public void Load_DefaultDirectory_FindsTheTemplatesTheBuildCopiedBesideTheBinaries()
    {
        var catalog = TemplateFolder.Load(new TemplateOptions().Directory);

        Assert.Empty(catalog.Problems);
        Assert.NotNull(catalog.Find("eks-environment"));
        Assert.NotNull(catalog.Find("app-service"));
    }

    [Fact]
    public void EksEnvironment_DeclaresTheFormOutputsAndWorkload()
    {
        var template = TemplateFolder.Load(Path.Combine(RepositoryRoot(), "templates")).Find("eks-environment")!;

        Assert.Equal("EKS environment", template.DisplayName);
        Assert.Equal("eks-environment", template.ProjectName);
        Assert.Equal(s_allClasses, template.Classes.Select(c => c.ToString()));
        Assert.Equal(
            ["region", "kubernetesVersion", "nodeInstanceType", "nodeCount", "vpcCidr", "appNamespace", "appImage", "appReplicas"],
            template.Parameters.Select(p => p.Name));
        Assert.Equal("aws:region", template.FindParameter("region")!.ConfigKey);
        Assert.Equal("clusterVersion", template.FindParameter("kubernetesVersion")!.ConfigKey);
        Assert.Equal(["1.29", "1.30", "1.31"], template.FindParameter("kubernetesVersion")!.Options);
        Assert.True(template.FindParameter("vpcCidr")!.Immutable);
        Assert.Equal("kubeconfig", template.KubeconfigOutput);
        Assert.Equal(["loadBalancerHostname", "repositoryUrl", "clusterName"], template.HighlightedOutputs.Select(o => o.Name));
        Assert.Equal(new TemplateWorkload("web", "${appNamespace}", "web", "web", WorkloadReleaseStrategy.Patch, null), Assert.Single(template.Workloads));
    }

    [Fact]
    public void AppService_TakesItsClusterFromAnEnvironmentAndKeepsThePasswordSecret()
    {
        var template = TemplateFolder.Load(Path.Combine(RepositoryRoot(), "templates")).Find("app-service")!;

        var cluster = template.FindParameter("cluster")!;
        Assert.Equal((TemplateParameterType.Cluster, "kubeconfig", true, true), (cluster.Type, cluster.ConfigKey, cluster.Secret, cluster.Required));
        Assert.Equal("Cluster (environment)", cluster.Label);
        var password = template.FindParameter("databasePassword")!;
        Assert.Equal((true, true, 8), (password.Secret, password.Required, password.MinLength));
        Assert.Equal(["debug", "info", "warning", "error"], template.FindParameter("logLevel")!.Options);
        Assert.Equal(["loadBalancerHostname", "url"], template.HighlightedOutputs.Select(o => o.Name));
        Assert.Equal(new TemplateWorkload("app", "${namespace}", "${appName}", "app", WorkloadReleaseStrategy.PulumiConfig, "image"), Assert.Single(template.Workloads));
        Assert.Contains(EnvironmentClass.Production, template.Classes);
    }

    [Theory]
    [InlineData("nginx:1.27")]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.4.2")]
    [InlineData("registry.example.com:5000/team/api@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void AppImagePattern_ImageWithTagOrDigest_IsAccepted(string image)
    {
        var result = BindImage(image);

        Assert.True(result.IsValid, string.Join("; ", result.Errors.SelectMany(e => e.Value)));
    }

    [Theory]
    [InlineData("nginx")]
    [InlineData("Nginx:1.27")]
    [InlineData("nginx:1.27; rm -rf /")]
    public void AppImagePattern_ImageWithoutTagOrInvalid_IsRejected(string image)
    {
        var result = BindImage(image);

        Assert.StartsWith("must be an image reference with a tag or a digest", result.Errors["parameters.appImage"].Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.0.0.0/16", true)]
    [InlineData("192.168.10.0/24", true)]
    [InlineData("10.0.0.0/8", false)]
    [InlineData("10.0.0.0/25", false)]
    [InlineData("256.0.0.0/16", false)]
    public void VpcCidrPattern_AcceptsOnlySlash16ToSlash24(string cidr, bool valid)
    {
        var template = TemplateFolder.Load(Path.Combine(RepositoryRoot(), "templates")).Find("eks-environment")!;

        var result = TemplateParameterBinder.Bind(template, BinderInput.Of(("vpcCidr", cidr)));

        Assert.Equal(valid, result.IsValid);
    }

    private static ParameterBindingResult BindImage(string image)
    {
        var template = TemplateFolder.Load(Path.Combine(RepositoryRoot(), "templates")).Find("eks-environment")!;
        return TemplateParameterBinder.Bind(template, BinderInput.Of(("appImage", image)));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Portal.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("Portal.sln not found above " + AppContext.BaseDirectory);
    }
}
