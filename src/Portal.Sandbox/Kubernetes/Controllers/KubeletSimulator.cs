using System.Text.Json.Nodes;
using Portal.Sandbox.Kubernetes.Store;

namespace Portal.Sandbox.Kubernetes.Controllers;

/// <summary>
/// The scheduler and kubelet of the sandbox: every pod walks Pending → (Scheduled) ContainerCreating → Running → Ready with
/// simulated delays (scaled by the speed factor), emitting the events a real node emits. The failure rules divert images
/// to ErrImagePull/ImagePullBackOff, CrashLoopBackOff (restarts with exponential back-off) or an unschedulable Pending.
/// </summary>
internal sealed partial class KubeletSimulator(ObjectStore store, EventRecorder events, SimulationClock clock, SandboxFailureRules rules)
{
    private const string NodeName = "sandbox-node-1";
    private const string HostIp = "10.0.1.10";
    private readonly Dictionary<string, PodState> _pods = new(StringComparer.Ordinal);
    private int _nextPodIp = 2;

    /// <summary>The earliest moment a pod is due for its next transition.</summary>
    public DateTimeOffset? NextWakeUp => _pods.Values.Where(p => p.DueAt is not null).Select(p => p.DueAt).Min();

    public void Reconcile()
    {
        var now = clock.Now;
        var pods = store.List(ResourceTypes.Pods, null).Items;
        var alive = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            var uid = ObjectRefs.Uid(pod);
            alive.Add(uid);
            if (ObjectRefs.IsDeleting(pod))
            {
                Terminate(pod, uid, now);
                continue;
            }

            if (!_pods.TryGetValue(uid, out var state))
            {
                state = Adopt(pod, now);
                _pods[uid] = state;
            }

            if (state.DueAt is { } due && due <= now)
            {
                Advance(pod, state, now);
            }
        }

        foreach (var gone in _pods.Keys.Where(uid => !alive.Contains(uid)).ToList())
        {
            _pods.Remove(gone);
        }
    }

    /// <summary>
    /// A pod this kubelet has not seen: a new one, or one restored from a state directory. A pod already Running and Ready
    /// is left alone; any other (re)starts its walk from scheduling. Its IP and restart count are kept, so a restart of the
    /// sandbox neither renumbers them nor hands a restored pod's IP to a new pod.
    /// </summary>
    private PodState Adopt(JsonObject pod, DateTimeOffset now)
    {
        var state = ObjectRefs.IsReady(pod) ? new PodState(PodStage.Ready, null) : new PodState(PodStage.Created, now + clock.Scale(0.2));
        if (JsonValues.AsString(pod["status"]?["podIP"]) is { Length: > 0 } ip)
        {
            state.PodIp = ip;
            var octets = ip.Split('.');
            if (octets.Length == 4 && int.TryParse(octets[2], out var high) && int.TryParse(octets[3], out var low))
            {
                // The inverse of the allocation in Start.
                _nextPodIp = Math.Max(_nextPodIp, (high * 250) + low - 2 + 1);
            }
        }

        state.Restarts = (pod["status"]?["containerStatuses"] as JsonArray ?? []).Select(s => JsonValues.AsInt(s?["restartCount"])).DefaultIfEmpty(0).Max();
        return state;
    }

    /// <summary>Graceful termination: a Killing event, then (after the simulated container stop) the pod is removed.</summary>
    private void Terminate(JsonObject pod, string uid, DateTimeOffset now)
    {
        if (pod["metadata"]?["finalizers"] is JsonArray { Count: > 0 })
        {
            return;
        }

        if (!_pods.TryGetValue(uid, out var state) || state.Stage != PodStage.Terminating)
        {
            foreach (var container in pod["spec"]?["containers"] as JsonArray ?? [])
            {
                events.Normal(ResourceTypes.Pods, pod, "Killing", $"Stopping container {JsonValues.AsString(container?["name"])}", "kubelet");
            }

            _pods[uid] = new PodState(PodStage.Terminating, now + clock.Scale(1.0));
            return;
        }

        if (state.DueAt <= now)
        {
            try
            {
                store.Delete(ResourceTypes.Pods, ObjectRefs.Namespace(pod), ObjectRefs.Name(pod), graceful: false);
            }
            catch (ApiError error) when (error.Code == 404)
            {
                // already gone
            }

            state.Move(PodStage.Terminating, null);
        }
    }

    private void Advance(JsonObject pod, PodState state, DateTimeOffset now)
    {
        var containers = (pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(c => (Name: JsonValues.AsString(c["name"]), Image: JsonValues.AsString(c["image"]))).ToList();
        var fates = containers.Select(c => ContainerFates.Of(c.Image, rules)).ToList();
        var name = ObjectRefs.Name(pod);
        switch (state.Stage)
        {
            case PodStage.Created when fates.Contains(ContainerFate.Unschedulable):
                UpdateStatus(pod, status => SetCondition(status, "PodScheduled", "False", "Unschedulable", "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector."));
                events.Warning(ResourceTypes.Pods, pod, "FailedScheduling", "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.", "default-scheduler");
                state.Move(PodStage.Unschedulable, null);
                break;
            case PodStage.Created:
                store.Update(ResourceTypes.Pods, ObjectRefs.Namespace(pod), name, p =>
                {
                    p["spec"]!["nodeName"] = NodeName;
                    var status = Admission.Object(p, "status");
                    status["hostIP"] = HostIp;
                    status["startTime"] = ObjectStore.Timestamp(now);
                    SetCondition(status, "PodScheduled", "True");
                    SetCondition(status, "Initialized", "True");
                    SetCondition(status, "Ready", "False", "ContainersNotReady", $"containers with unready status: [{string.Join(' ', containers.Select(c => c.Name))}]");
                    SetCondition(status, "ContainersReady", "False", "ContainersNotReady", $"containers with unready status: [{string.Join(' ', containers.Select(c => c.Name))}]");
                    status["containerStatuses"] = ContainerStatuses(containers, (_, _) => Waiting("ContainerCreating"), null);
                    return p;
                });
                events.Normal(ResourceTypes.Pods, pod, "Scheduled", $"Successfully assigned {ObjectRefs.Namespace(pod)}/{name} to {NodeName}", "default-scheduler");
                state.Move(PodStage.Pulling, now + clock.Scale(0.6));
                break;
            case PodStage.Pulling:
                foreach (var container in containers)
                {
                    events.Normal(ResourceTypes.Pods, pod, "Pulling", $"Pulling image \"{container.Image}\"", "kubelet");
                }

                if (fates.Contains(ContainerFate.PullFails))
                {
                    var failing = containers.Where((_, i) => fates[i] == ContainerFate.PullFails).ToList();
                    foreach (var container in failing)
                    {
                        var reference = ImageReference.Parse(container.Image);
                        events.Warning(ResourceTypes.Pods, pod, "Failed",
                            $"Failed to pull image \"{container.Image}\": rpc error: code = NotFound desc = failed to pull and unpack image \"{reference.Registry}/{reference.Repository}:{reference.Tag}\": not found", "kubelet");
                        events.Warning(ResourceTypes.Pods, pod, "Failed", "Error: ErrImagePull", "kubelet");
                    }

                    UpdateStatus(pod, status => status["containerStatuses"] = ContainerStatuses(containers,
                        (c, i) => fates[i] == ContainerFate.PullFails ? Waiting("ErrImagePull", $"rpc error: code = NotFound desc = failed to pull and unpack image \"{c.Image}\": not found") : Waiting("ContainerCreating"), null));
                    state.Move(PodStage.PullBackOff, now + clock.Scale(1.0));
                    break;
                }

                foreach (var container in containers)
                {
                    events.Normal(ResourceTypes.Pods, pod, "Pulled", $"Successfully pulled image \"{container.Image}\" in 1.2s (1.2s including waiting). Image size: 72080558 bytes.", "kubelet");
                }

                state.Move(PodStage.Starting, now + clock.Scale(0.4));
                break;
            case PodStage.PullBackOff:
                foreach (var container in containers.Where((_, i) => fates[i] == ContainerFate.PullFails))
                {
                    events.Normal(ResourceTypes.Pods, pod, "BackOff", $"Back-off pulling image \"{container.Image}\"", "kubelet");
                }

                UpdateStatus(pod, status => status["containerStatuses"] = ContainerStatuses(containers,
                    (c, i) => fates[i] == ContainerFate.PullFails ? Waiting("ImagePullBackOff", $"Back-off pulling image \"{c.Image}\"") : Waiting("ContainerCreating"), null));
                state.Move(PodStage.PullBackOff, null); // stays until the template changes (a new pod)
                break;
            case PodStage.Starting:
                Start(pod, containers, fates, state, now);
                break;
            case PodStage.Running when fates.Contains(ContainerFate.Crashes):
                Crash(pod, containers, fates, state, now);
                break;
            case PodStage.Running:
                UpdateStatus(pod, status =>
                {
                    SetCondition(status, "Ready", "True");
                    SetCondition(status, "ContainersReady", "True");
                    foreach (var s in status["containerStatuses"] as JsonArray ?? [])
                    {
                        s!["ready"] = true;
                        s["started"] = true;
                    }
                });
                state.Move(PodStage.Ready, null);
                break;
            case PodStage.CrashLoopBackOff:
                foreach (var (container, i) in containers.Select((c, i) => (c, i)).Where(x => fates[x.i] == ContainerFate.Crashes))
                {
                    events.Normal(ResourceTypes.Pods, pod, "Pulled", $"Container image \"{container.Image}\" already present on machine", "kubelet");
                }

                Start(pod, containers, fates, state, now);
                break;
        }
    }
}
