using Portal.Data.Entities;
using Portal.Provisioning.Templates;
using Portal.Web.State;

namespace Portal.Web.Tests.State;

public sealed class EnvironmentOutputReaderTests
{
    private static readonly EnvironmentTemplate s_template = new(
        "t", "T", "", "/tmp", "t", [], [EnvironmentClass.Development], "kubeconfig",
        [new HighlightedOutput("loadBalancerHostname", "Load balancer DNS"), new HighlightedOutput("repositoryUrl", "ECR repository"), new HighlightedOutput("clusterName", "EKS cluster")],
        []);

    private const string Outputs = """
        {"vpcId":"vpc-1","kubeconfig":"[secret]","clusterName":"cluster-1","repositoryUrl":"1.dkr.ecr.us-east-1.amazonaws.com/repo",
         "loadBalancerHostname":"k8s-apps-web-1.elb.us-east-1.amazonaws.com","tags":{"a":1}}
        """;

    [Fact]
    public void Read_HighlightedFirstWithLabels_ThenTheRestByName()
    {
        var items = EnvironmentOutputReader.Read(Outputs, s_template);

        Assert.Equal(["loadBalancerHostname", "repositoryUrl", "clusterName", "kubeconfig", "tags", "vpcId"], items.Select(i => i.Name));
        Assert.Equal("Load balancer DNS", items[0].Label);
        Assert.True(items.Single(i => i.Name == "kubeconfig").IsSecret);
    }

    [Fact]
    public void Hostnames_OnlyHighlightedHostnameValues()
    {
        Assert.Equal(["k8s-apps-web-1.elb.us-east-1.amazonaws.com"], EnvironmentOutputReader.Hostnames(Outputs, s_template));
        Assert.Empty(EnvironmentOutputReader.Hostnames(null, s_template));
    }
}
