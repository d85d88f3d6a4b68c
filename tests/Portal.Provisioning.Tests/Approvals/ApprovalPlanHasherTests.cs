using Portal.Provisioning.Approvals;
using Portal.Provisioning.Environments;

namespace Portal.Provisioning.Tests.Approvals;

public sealed class ApprovalPlanHasherTests
{
    private const string Payload = """{"parameters":{"nodeCount":3}}""";

    [Fact]
    public void Hash_SamePlanWithKeysInAnotherOrder_IsTheSame()
    {
        var a = ApprovalPlanHasher.Hash("environment.update", """{"parameters":{"a":1,"b":2}}""", Plan("digest-1"));
        var b = ApprovalPlanHasher.Hash("environment.update", """{"parameters":{"b":2,"a":1}}""", Plan("digest-1"));

        Assert.Equal(a, b);
        Assert.Equal(64, a.Length);
    }

    [Fact]
    public void Hash_SameKeysChangingToOtherValues_Differs()
    {
        // The same resource and keys change, but to other values (a data source answered differently): another plan.
        Assert.NotEqual(
            ApprovalPlanHasher.Hash("environment.update", Payload, Plan("digest-1")),
            ApprovalPlanHasher.Hash("environment.update", Payload, Plan("digest-2")));
    }

    [Fact]
    public void Hash_OtherKindOrPayload_Differs()
    {
        var plan = Plan("digest-1");

        Assert.NotEqual(ApprovalPlanHasher.Hash("environment.update", Payload, plan), ApprovalPlanHasher.Hash("environment.destroy", Payload, plan));
        Assert.NotEqual(ApprovalPlanHasher.Hash("environment.update", Payload, plan), ApprovalPlanHasher.Hash("environment.update", """{"parameters":{"nodeCount":4}}""", plan));
    }

    private static ApprovalPlan Plan(string inputsDigest) => new(
        [new PlannedOperation("urn:pulumi:prod::eks::eks:index:Cluster::cluster", "eks:index:Cluster", "update", ["desiredCapacity"], [], false, inputsDigest)],
        [new ParameterChange("nodeCount", "Nodes", "2", "3", false)],
        [],
        new Dictionary<string, int> { ["update"] = 1 });
}
