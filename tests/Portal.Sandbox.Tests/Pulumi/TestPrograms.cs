namespace Portal.Sandbox.Tests.Pulumi;

/// <summary>Pulumi YAML programs the sandbox tests run.</summary>
internal static class TestPrograms
{
    public const string OutputsOnly = """
        name: demo
        runtime: yaml
        config:
          greeting:
            type: string
            default: hi
          apiKey:
            type: string
            secret: true
        variables:
          message: ${greeting}, ${pulumi.stack}!
        outputs:
          message: ${message}
          secretOut:
            fn::secret: ${apiKey}
          answer: 42
        """;

    public const string Network = """
        name: net
        runtime: yaml
        config:
          cidr:
            type: string
            default: 10.0.1.0/24
        resources:
          vpc:
            type: aws:ec2:Vpc
            properties:
              cidrBlock: 10.0.0.0/16
          subnet:
            type: aws:ec2:Subnet
            properties:
              vpcId: ${vpc.id}
              cidrBlock: ${cidr}
          bucket:
            type: aws:s3:Bucket
            options:
              dependsOn:
                - ${vpc}
          repo:
            type: aws:ecr:Repository
            properties:
              name: app
          password:
            type: random:RandomPassword
            properties:
              length: 20
        outputs:
          vpcId: ${vpc.id}
          subnetId: ${subnet.id}
          bucketName: ${bucket.bucket}
          repositoryUrl: ${repo.repositoryUrl}
          password: ${password.result}
        """;

    /// <summary>A VPC (2 s at speed 1) then a NAT gateway (6 s): long enough to interrupt mid-update.</summary>
    public const string Slow = """
        name: slow
        runtime: yaml
        resources:
          vpc:
            type: aws:ec2:Vpc
            properties:
              cidrBlock: 10.0.0.0/16
          subnet:
            type: aws:ec2:Subnet
            properties:
              vpcId: ${vpc.id}
              cidrBlock: 10.0.1.0/24
          nat:
            type: aws:ec2:NatGateway
            properties:
              subnetId: ${subnet.id}
          route:
            type: aws:ec2:RouteTable
            properties:
              vpcId: ${vpc.id}
              natGatewayId: ${nat.id}
        outputs:
          natId: ${nat.id}
        """;

    public const string UnknownType = """
        name: bad
        runtime: yaml
        resources:
          thing:
            type: gcp:compute:Instance
            properties:
              zone: x
        """;
}
