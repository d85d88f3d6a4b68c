using Portal.Provisioning.Kubernetes.Models;
using Portal.Provisioning.Kubernetes.Rollout;
using Portal.Provisioning.Kubernetes.Watching;
using Portal.Web.State.Cluster;

namespace Portal.Web.Tests.State.Cluster;

public sealed class ClusterObjectsStateTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Apply_Snapshot_ReplacesEverythingAndMarksSynced()
    {
        var state = new ClusterObjectsState(scope: null);
        state.Apply(Added(Pod("apps", "old")));
        Assert.False(state.IsSynced(ClusterObjectKinds.Pods));

        var changed = state.Apply(Snapshot(Pod("apps", "a"), Pod("apps", "b")));

        Assert.True(changed);
        Assert.True(state.IsSynced(ClusterObjectKinds.Pods));
        Assert.False(state.IsSynced(ClusterObjectKinds.Deployments));
        Assert.Equal(["a", "b"], state.Pods().Select(p => p.Name));
    }

    [Fact]
    public void Apply_AddedModifiedDeleted_FoldsIntoRows()
    {
        var state = new ClusterObjectsState(scope: null);
        state.Apply(Snapshot<Deployment>());
        var before = state.Version;

        state.Apply(Added(Deployment("apps", "web", replicas: 2, ready: 1, rv: "1")));
        Assert.Equal(1, Assert.Single(state.Deployments()).Ready);

        state.Apply(Modified(Deployment("apps", "web", replicas: 2, ready: 2, rv: "2")));
        var row = Assert.Single(state.Deployments());
        Assert.Equal((2, 2), (row.Ready, row.Desired));
        Assert.Equal("complete", row.RolloutText);

        state.Apply(Deleted(Deployment("apps", "web", replicas: 2, ready: 2, rv: "3")));
        Assert.Empty(state.Deployments());
        Assert.Equal(before + 3, state.Version);
    }

    [Fact]
    public void Apply_SameResourceVersionAgain_IsNoChange()
    {
        var state = new ClusterObjectsState(scope: null);
        state.Apply(Added(Service("apps", "web", rv: "7")));

        Assert.False(state.Apply(Modified(Service("apps", "web", rv: "7"))));
        Assert.True(state.Apply(Modified(Service("apps", "web", rv: "8"))));
    }

    [Fact]
    public void Apply_ClusterWideScope_LeavesSystemNamespacesOut()
    {
        var state = new ClusterObjectsState(scope: null);

        state.Apply(Snapshot(Pod("kube-system", "coredns"), Pod("apps", "web-1"), Pod("default", "debug")));
        state.Apply(Added(Pod("kube-node-lease", "x")));

        Assert.Equal(["apps/web-1", "default/debug"], state.Pods().Select(p => $"{p.Namespace}/{p.Name}"));
    }

    [Fact]
    public void Apply_NamespaceScope_KeepsOnlyTheEnvironmentsNamespaces()
    {
        var state = new ClusterObjectsState(new HashSet<string>(StringComparer.Ordinal) { "api" });

        state.Apply(Snapshot(Pod("api", "api-1"), Pod("apps", "web-1")), "api");
        state.Apply(Added(Pod("apps", "web-2")), "api");
        state.Apply(Deleted(Pod("apps", "web-1")), "api");

        Assert.Equal(["api"], state.WatchedNamespaces);
        Assert.Equal(["api/api-1"], state.Pods().Select(p => $"{p.Namespace}/{p.Name}"));
    }

    [Fact]
    public void Apply_SnapshotOfOneNamespace_KeepsTheOtherNamespaces()
    {
        var state = new ClusterObjectsState(new HashSet<string>(StringComparer.Ordinal) { "a", "b" });
        state.Apply(Snapshot(Pod("a", "a-1")), "a");
        Assert.False(state.IsSynced(ClusterObjectKinds.Pods));

        state.Apply(Snapshot(Pod("b", "b-1")), "b");
        state.Apply(Snapshot(Pod("a", "a-2")), "a"); // a re-list after the watch expired

        Assert.True(state.IsSynced(ClusterObjectKinds.Pods));
        Assert.Equal(["a/a-2", "b/b-1"], state.Pods().Select(p => $"{p.Namespace}/{p.Name}"));
    }

    [Fact]
    public void Apply_MoreEventsThanTheCap_KeepsTheNewestMostRecentFirst()
    {
        var state = new ClusterObjectsState(scope: null, maxEvents: 3);
        state.Apply(Snapshot(Event("e1", s_t0), Event("e2", s_t0.AddSeconds(2))));

        state.Apply(Added(Event("e3", s_t0.AddSeconds(3))));
        state.Apply(Added(Event("e4", s_t0.AddSeconds(4), type: "Warning")));
        state.Apply(Added(Event("e0", s_t0.AddSeconds(-5)))); // older than everything kept: dropped at once

        var rows = state.Events();
        Assert.Equal(["e4", "e3", "e2"], rows.Select(e => e.Name));
        Assert.True(rows[0].IsWarning);
        Assert.Equal("pod/web-1", rows[0].InvolvedObject);
    }

    [Fact]
    public void Apply_EventsOfTheSameSecond_OrderByResourceVersion()
    {
        var state = new ClusterObjectsState(scope: null);

        state.Apply(Snapshot(Event("b-pulled", s_t0, rv: "10"), Event("a-started", s_t0, rv: "12"), Event("c-created", s_t0, rv: "11")));

        Assert.Equal(["a-started", "c-created", "b-pulled"], state.Events().Select(e => e.Name));
    }

    [Fact]
    public void PodReadiness_CountsReadyOutOfUnfinishedPods()
    {
        var state = new ClusterObjectsState(scope: null);

        state.Apply(Snapshot(Pod("apps", "a"), Pod("apps", "b", ready: false), Pod("apps", "job", phase: "Succeeded", ready: false)));

        Assert.Equal(new PodReadiness(1, 2), state.PodReadiness());
        Assert.Equal("1/2", state.PodReadiness().ToString());
        Assert.False(state.PodReadiness().AllReady);
    }

    [Fact]
    public void PodRowFrom_CrashLoop_ShowsReasonAndLastExit()
    {
        var pod = Pod("apps", "web-1", ready: false, restarts: 3, waiting: new ContainerStateWaiting { Reason = "CrashLoopBackOff", Message = "back-off 40s restarting failed container" },
            lastTerminated: new ContainerStateTerminated { Reason = "OOMKilled", ExitCode = 137 });

        var row = PodRow.From(pod);

        Assert.Equal(new ContainerProblem("web", "CrashLoopBackOff", "back-off 40s restarting failed container; last exit: OOMKilled (code 137)", true), row.Problem);
        Assert.Equal((0, 1, 3), (row.ReadyContainers, row.Containers, row.Restarts));
        Assert.False(row.Ready);
    }

    [Fact]
    public void PodRowFrom_ContainerCreating_IsShownButNotAFailure()
    {
        var row = PodRow.From(Pod("apps", "web-1", phase: "Pending", ready: false, waiting: new ContainerStateWaiting { Reason = "ContainerCreating" }));

        Assert.Equal(("ContainerCreating", false), (row.Problem?.Reason, row.Problem?.IsFailure));
    }

    [Fact]
    public void PodRowFrom_ImagePullBackOff_IsAFailure()
    {
        var row = PodRow.From(Pod("apps", "web-1", phase: "Pending", ready: false,
            waiting: new ContainerStateWaiting { Reason = "ImagePullBackOff", Message = "Back-off pulling image \"nginx:nope\"" }));

        Assert.Equal(new ContainerProblem("web", "ImagePullBackOff", "Back-off pulling image \"nginx:nope\"", true), row.Problem);
    }

    [Fact]
    public void DeploymentRowFrom_RollingOutAndPastDeadline_SaysSo()
    {
        var progressing = DeploymentRow.From(Deployment("apps", "web", replicas: 2, ready: 1, updated: 2, available: 1));
        var failed = Deployment("apps", "web", replicas: 2, ready: 1);
        failed.Status!.Conditions = [new DeploymentCondition { Type = "Progressing", Status = "False", Reason = "ProgressDeadlineExceeded" }];

        Assert.Equal("progressing: 1 of 2 updated replicas are available...", progressing.RolloutText);
        Assert.Equal(RolloutState.Failed, DeploymentRow.From(failed).Rollout.State);
        Assert.Equal("deployment \"web\" exceeded its progress deadline", DeploymentRow.From(failed).RolloutText);
        Assert.Equal([new ContainerImage("web", "nginx:1.27")], progressing.Images);
    }

    [Fact]
    public void ServiceRowFrom_LoadBalancer_IsPendingUntilItHasAHostname()
    {
        var service = Service("apps", "web");
        Assert.True(ServiceRow.From(service).IsPending);

        service.Status = new ServiceStatus { LoadBalancer = new LoadBalancerStatus { Ingress = [new LoadBalancerIngress { Hostname = "k8s-apps-web-1.elb.us-east-1.amazonaws.com" }] } };
        var row = ServiceRow.From(service);

        Assert.False(row.IsPending);
        Assert.Equal(["k8s-apps-web-1.elb.us-east-1.amazonaws.com"], row.Hostnames);
        Assert.Equal(["80:30080/TCP"], row.Ports);
    }

    [Fact]
    public void KubeAgeFormat_PrintsLikeKubectl()
    {
        Assert.Equal("—", KubeAge.Format(null, s_t0));
        Assert.Equal("42s", KubeAge.Format(s_t0.AddSeconds(-42), s_t0));
        Assert.Equal("5m", KubeAge.Format(s_t0.AddMinutes(-5), s_t0));
        Assert.Equal("3h", KubeAge.Format(s_t0.AddHours(-3), s_t0));
        Assert.Equal("4d", KubeAge.Format(s_t0.AddDays(-4), s_t0));
    }

    private static ResourceChange<T> Snapshot<T>(params T[] items)
        where T : class, IKubernetesObject => new(ResourceChangeType.Snapshot, null, items);

    private static ResourceChange<T> Added<T>(T item)
        where T : class, IKubernetesObject => new(ResourceChangeType.Added, item, null);

    private static ResourceChange<T> Modified<T>(T item)
        where T : class, IKubernetesObject => new(ResourceChangeType.Modified, item, null);

    private static ResourceChange<T> Deleted<T>(T item)
        where T : class, IKubernetesObject => new(ResourceChangeType.Deleted, item, null);

    private static Pod Pod(string ns, string name, string phase = "Running", bool ready = true, int restarts = 0,
        ContainerStateWaiting? waiting = null, ContainerStateTerminated? lastTerminated = null) => new()
    {
        Metadata = new ObjectMeta { Namespace = ns, Name = name, CreationTimestamp = s_t0 },
        Spec = new PodSpec { Containers = [new Container { Name = "web", Image = "nginx:1.27" }], NodeName = "node-1" },
        Status = new PodStatus
        {
            Phase = phase,
            Conditions = [new PodCondition { Type = "Ready", Status = ready ? "True" : "False" }],
            ContainerStatuses =
            [
                new ContainerStatus
                {
                    Name = "web",
                    Ready = ready,
                    RestartCount = restarts,
                    State = waiting is null ? new ContainerState { Running = new ContainerStateRunning() } : new ContainerState { Waiting = waiting },
                    LastState = lastTerminated is null ? null : new ContainerState { Terminated = lastTerminated },
                },
            ],
        },
    };

    private static Deployment Deployment(string ns, string name, int replicas, int ready, int? updated = null, int? available = null, string? rv = null) => new()
    {
        Metadata = new ObjectMeta { Namespace = ns, Name = name, Generation = 1, ResourceVersion = rv },
        Spec = new DeploymentSpec
        {
            Replicas = replicas,
            Template = new PodTemplateSpec { Spec = new PodSpec { Containers = [new Container { Name = "web", Image = "nginx:1.27" }] } },
        },
        Status = new DeploymentStatus
        {
            ObservedGeneration = 1,
            Replicas = replicas,
            ReadyReplicas = ready,
            UpdatedReplicas = updated ?? replicas,
            AvailableReplicas = available ?? ready,
        },
    };

    private static Service Service(string ns, string name, string? rv = null) => new()
    {
        Metadata = new ObjectMeta { Namespace = ns, Name = name, ResourceVersion = rv },
        Spec = new ServiceSpec { Type = "LoadBalancer", ClusterIP = "10.96.0.10", Ports = [new ServicePort { Port = 80, NodePort = 30080, Protocol = "TCP" }] },
    };

    private static Event Event(string name, DateTimeOffset last, string type = "Normal", string? rv = null) => new()
    {
        Metadata = new ObjectMeta { Namespace = "apps", Name = name, ResourceVersion = rv },
        InvolvedObject = new ObjectReference { Kind = "Pod", Namespace = "apps", Name = "web-1" },
        Reason = "Started",
        Message = "Started container web",
        Type = type,
        Count = 1,
        LastTimestamp = last,
    };
}
