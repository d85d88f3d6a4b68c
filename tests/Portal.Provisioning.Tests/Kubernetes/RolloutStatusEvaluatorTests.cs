using Portal.Provisioning.Kubernetes.Models;
using Portal.Provisioning.Kubernetes.Rollout;

namespace Portal.Provisioning.Tests.Kubernetes;

public class RolloutStatusEvaluatorTests
{
    [Fact]
    public void Evaluate_GenerationNotObserved_WaitsForSpecUpdate()
    {
        var verdict = RolloutStatusEvaluator.Evaluate(Deployment(generation: 3, observed: 2, replicas: 2, updated: 2, total: 2, available: 2));

        Assert.Equal(new RolloutVerdict(RolloutState.InProgress, "Waiting for deployment spec update to be observed..."), verdict);
    }

    [Fact]
    public void Evaluate_DeadlineExceeded_FailsWithKubectlMessage()
    {
        var deployment = Deployment(generation: 2, observed: 2, replicas: 2, updated: 1, total: 3, available: 2);
        deployment.Status!.Conditions = [new DeploymentCondition { Type = "Progressing", Status = "False", Reason = "ProgressDeadlineExceeded" }];

        var verdict = RolloutStatusEvaluator.Evaluate(deployment);

        Assert.Equal(new RolloutVerdict(RolloutState.Failed, "deployment \"web\" exceeded its progress deadline"), verdict);
    }

    [Theory]
    [InlineData(1, 3, 2, "Waiting for deployment \"web\" rollout to finish: 1 out of 2 new replicas have been updated...")]
    [InlineData(2, 3, 2, "Waiting for deployment \"web\" rollout to finish: 1 old replicas are pending termination...")]
    [InlineData(2, 2, 1, "Waiting for deployment \"web\" rollout to finish: 1 of 2 updated replicas are available...")]
    public void Evaluate_RollingUpdate_ReportsKubectlProgressMessages(int updated, int total, int available, string message)
    {
        var verdict = RolloutStatusEvaluator.Evaluate(Deployment(generation: 2, observed: 2, replicas: 2, updated, total, available));

        Assert.Equal(new RolloutVerdict(RolloutState.InProgress, message), verdict);
    }

    [Fact]
    public void Evaluate_AllUpdatedAndAvailable_IsComplete()
    {
        var verdict = RolloutStatusEvaluator.Evaluate(Deployment(generation: 2, observed: 2, replicas: 2, updated: 2, total: 2, available: 2));

        Assert.True(verdict.IsDone);
        Assert.Equal("deployment \"web\" successfully rolled out", verdict.Message);
    }

    [Fact]
    public void Evaluate_NewReplicaSetAvailableIsNotRequired_OnlyCountsMatter()
    {
        var deployment = Deployment(generation: 2, observed: 2, replicas: 2, updated: 2, total: 2, available: 2);
        deployment.Status!.Conditions = [new DeploymentCondition { Type = "Progressing", Status = "True", Reason = "ReplicaSetUpdated" }];

        Assert.True(RolloutStatusEvaluator.Evaluate(deployment).IsDone);
    }

    [Fact]
    public void Evaluate_RevisionMismatch_Fails()
    {
        var deployment = Deployment(generation: 2, observed: 2, replicas: 2, updated: 2, total: 2, available: 2);
        deployment.Metadata.Annotations = new() { ["deployment.kubernetes.io/revision"] = "4" };

        var verdict = RolloutStatusEvaluator.Evaluate(deployment, revision: 3);

        Assert.Equal(new RolloutVerdict(RolloutState.Failed, "desired revision (3) is different from the running revision (4)"), verdict);
    }

    private static Deployment Deployment(long generation, long observed, int replicas, int updated, int total, int available) => new()
    {
        Metadata = new ObjectMeta { Name = "web", Generation = generation },
        Spec = new DeploymentSpec { Replicas = replicas },
        Status = new DeploymentStatus { ObservedGeneration = observed, UpdatedReplicas = updated, Replicas = total, AvailableReplicas = available },
    };
}
