using Portal.Provisioning.Kubernetes.Authentication;
using Portal.Provisioning.Kubernetes.Configuration;

namespace Portal.Provisioning.Tests.Kubernetes;

public class EksTokenRequestTests
{
    [Fact]
    public void FromExecConfig_AwsCliGetToken_ReadsClusterRegionRoleAndProfile()
    {
        var exec = new ExecConfig
        {
            ApiVersion = "client.authentication.k8s.io/v1beta1",
            Command = "aws",
            Args = ["--region", "eu-central-1", "eks", "get-token", "--cluster-name", "shop", "--output", "json", "--role", "arn:aws:iam::1:role/x"],
            Env = [new ExecEnvVar { Name = "AWS_PROFILE", Value = "dev" }],
        };

        var request = EksTokenRequest.FromExecConfig(exec);

        Assert.Equal(new EksTokenRequest("shop", "eu-central-1", "arn:aws:iam::1:role/x", "dev"), request);
    }

    [Fact]
    public void FromExecConfig_AwsIamAuthenticator_ReadsClusterId()
    {
        var exec = new ExecConfig { ApiVersion = "client.authentication.k8s.io/v1beta1", Command = "/usr/local/bin/aws-iam-authenticator", Args = ["token", "-i", "shop"] };

        Assert.Equal(new EksTokenRequest("shop", "us-east-1", null, null), EksTokenRequest.FromExecConfig(exec));
    }

    [Fact]
    public void FromExecConfig_OtherPlugin_ReturnsNull()
    {
        var exec = new ExecConfig { ApiVersion = "client.authentication.k8s.io/v1", Command = "gke-gcloud-auth-plugin" };

        Assert.Null(EksTokenRequest.FromExecConfig(exec));
    }
}
