using Portal.Provisioning.Kubernetes.Models;
using Portal.Provisioning.Kubernetes.Rollout;
using Portal.Provisioning.Kubernetes.Watching;
using Portal.Web.State.Cluster;

namespace Portal.Web.Tests.State.Cluster;

/// <summary>The rollout panel's fold: a Deployment's ReplicaSets by owner reference, their pods, which one is new.</summary>
public sealed class RolloutSnapshotTests
{
    [Fact]
    public void Rollout_MidUpdate_ShowsNewAndOldReplicaSetsWithTheirOwnPods()
    {
        var state = new ClusterObjectsState(scope: null);
        var web = Deployment("web", "uid-web", revision: 2, replicas: 2);
        state.Apply(Snapshot(web, Deployment("api", "uid-api", revision: 1, replicas: 1)));
        state.Apply(Snapshot(
            ReplicaSet("web-old", "uid-rs1", web, revision: 1, image: "nginx:1.27", replicas: 2, ready: 2),
            ReplicaSet("web-new", "uid-rs2", web, revision: 2, image: "nginx:1.28-crash", replicas: 1, ready: 0),
            ReplicaSet("api-1", "uid-rs3", Deployment("api", "uid-api", revision: 1, replicas: 1), revision: 1, image: "api:1", replicas: 1, ready: 1)));
        state.Apply(Snapshot(
            Pod("web-old-a", "web-old", "uid-rs1"),
            Pod("web-old-b", "web-old", "uid-rs1"),
            Pod("web-new-a", "web-new", "uid-rs2", crashLooping: true),
            Pod("api-1-a", "api-1", "uid-rs3")));

        var rollout = state.Rollout("apps", "web");

        Assert.NotNull(rollout);
        Assert.Equal(["web-new", "web-old"], rollout.ReplicaSets.Select(r => r.Name));
        var (newSet, oldSet) = (rollout.ReplicaSets[0], rollout.ReplicaSets[1]);
        Assert.True(newSet.IsNew);
        Assert.False(oldSet.IsNew);
        Assert.Same(newSet, rollout.NewReplicaSet);
        Assert.Equal((2L, "nginx:1.28-crash", 1, 0), (newSet.Revision!.Value, newSet.Images[0].Image, newSet.Desired, newSet.Ready));
        Assert.Equal("CrashLoopBackOff", Assert.Single(newSet.Pods).Problem?.Reason);
        Assert.Equal(["web-old-a", "web-old-b"], oldSet.Pods.Select(p => p.Name));
        Assert.Equal(RolloutState.InProgress, rollout.Deployment.Rollout.State);
    }

    [Fact]
    public void Rollout_Finished_KeepsOnlyTheNewestScaledDownRevisionAsHistory()
    {
        var state = new ClusterObjectsState(scope: null);
        var web = Deployment("web", "uid-web", revision: 3, replicas: 2);
        state.Apply(Snapshot(web));
        state.Apply(Snapshot(
            ReplicaSet("web-1", "uid-1", web, revision: 1, image: "nginx:1.26", replicas: 0, ready: 0),
            ReplicaSet("web-3", "uid-3", web, revision: 3, image: "nginx:1.28", replicas: 2, ready: 2),
            ReplicaSet("web-2", "uid-2", web, revision: 2, image: "nginx:1.27", replicas: 0, ready: 0)));
        state.Apply(Snapshot<Pod>());

        var rollout = state.Rollout("apps", "web")!;

        Assert.Equal([(3L, true), (2L, false)], rollout.ReplicaSets.Select(r => (r.Revision!.Value, r.IsNew)));
        Assert.Empty(rollout.ReplicaSets[1].Pods);
    }

    [Fact]
    public void Rollout_ReplicaSetOfAReCreatedDeploymentOfTheSameName_IsNotItsOwn()
    {
        var state = new ClusterObjectsState(scope: null);
        var web = Deployment("web", "uid-new", revision: 1, replicas: 1);
        var gone = Deployment("web", "uid-gone", revision: 4, replicas: 1);
        state.Apply(Snapshot(web));
        state.Apply(Snapshot(
            ReplicaSet("web-a", "uid-a", web, revision: 1, image: "nginx:1.28", replicas: 1, ready: 1),
            ReplicaSet("web-b", "uid-b", gone, revision: 4, image: "nginx:1.20", replicas: 1, ready: 1)));

        Assert.Equal(["web-a"], state.Rollout("apps", "web")!.ReplicaSets.Select(r => r.Name));
    }

    [Fact]
    public void Rollout_DeploymentNotSeen_IsNullAndReplicaSetsSyncLikeTheOtherKinds()
    {
        var state = new ClusterObjectsState(scope: null);
        Assert.Null(state.Rollout("apps", "web"));
        Assert.False(state.IsSynced(ClusterObjectKinds.ReplicaSets));

        state.Apply(Snapshot<ReplicaSet>());

        Assert.True(state.IsSynced(ClusterObjectKinds.ReplicaSets));
        Assert.Null(state.Deployment("apps", "web"));
    }

    private static ResourceChange<T> Snapshot<T>(params T[] items)
        where T : class, IKubernetesObject => new(ResourceChangeType.Snapshot, null, items);

    private static Deployment Deployment(string name, string uid, long revision, int replicas) => new()
    {
        Metadata = new ObjectMeta
        {
            Namespace = "apps", Name = name, Uid = uid, Generation = 1,
            Annotations = new() { [RolloutStatusEvaluator.RevisionAnnotation] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        },
        Spec = new DeploymentSpec { Replicas = replicas },
        Status = new DeploymentStatus { ObservedGeneration = 1, Replicas = replicas + 1, UpdatedReplicas = 1, ReadyReplicas = replicas, AvailableReplicas = replicas },
    };

    private static ReplicaSet ReplicaSet(string name, string uid, Deployment owner, long revision, string image, int replicas, int ready) => new()
    {
        Metadata = new ObjectMeta
        {
            Namespace = "apps", Name = name, Uid = uid,
            Annotations = new() { [RolloutStatusEvaluator.RevisionAnnotation] = revision.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            OwnerReferences = [new OwnerReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = owner.Metadata.Name!, Uid = owner.Metadata.Uid!, Controller = true }],
        },
        Spec = new ReplicaSetSpec
        {
            Replicas = replicas,
            Template = new PodTemplateSpec { Spec = new PodSpec { Containers = [new Container { Name = "web", Image = image }] } },
        },
        Status = new ReplicaSetStatus { Replicas = replicas, ReadyReplicas = ready, AvailableReplicas = ready },
    };

    private static Pod Pod(string name, string ownerName, string ownerUid, bool crashLooping = false) => new()
    {
        Metadata = new ObjectMeta
        {
            Namespace = "apps", Name = name,
            OwnerReferences = [new OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = ownerName, Uid = ownerUid, Controller = true }],
        },
        Spec = new PodSpec { Containers = [new Container { Name = "web", Image = "nginx" }] },
        Status = new PodStatus
        {
            Phase = "Running",
            ContainerStatuses =
            [
                new ContainerStatus
                {
                    Name = "web",
                    Ready = !crashLooping,
                    RestartCount = crashLooping ? 3 : 0,
                    State = crashLooping
                        ? new ContainerState { Waiting = new ContainerStateWaiting { Reason = "CrashLoopBackOff" } }
                        : new ContainerState { Running = new ContainerStateRunning() },
                },
            ],
        },
    };
}
