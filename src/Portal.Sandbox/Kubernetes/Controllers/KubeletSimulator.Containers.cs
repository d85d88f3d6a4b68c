using System.Text.Json.Nodes;
using Portal.Sandbox.Kubernetes.Store;

namespace Portal.Sandbox.Kubernetes.Controllers;

internal sealed partial class KubeletSimulator
{
    private void Start(JsonObject pod, List<(string Name, string Image)> containers, List<ContainerFate> fates, PodState state, DateTimeOffset now)
    {
        foreach (var (container, i) in containers.Select((c, i) => (c, i)))
        {
            if (state.Restarts == 0 || fates[i] == ContainerFate.Crashes)
            {
                events.Normal(ResourceTypes.Pods, pod, "Created", $"Created container: {container.Name}", "kubelet");
                events.Normal(ResourceTypes.Pods, pod, "Started", $"Started container {container.Name}", "kubelet");
            }
        }

        var ip = state.PodIp ??= $"10.244.{_nextPodIp / 250}.{(_nextPodIp++ % 250) + 2}";
        UpdateStatus(pod, status =>
        {
            status["phase"] = "Running";
            status["podIP"] = ip;
            status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = ip });
            var previous = status["containerStatuses"] as JsonArray;
            status["containerStatuses"] = ContainerStatuses(
                containers, (_, _) => new JsonObject { ["running"] = new JsonObject { ["startedAt"] = ObjectStore.Timestamp(now) } }, previous);
        });
        state.Move(PodStage.Running, now + clock.Scale(fates.Contains(ContainerFate.Crashes) ? 1.5 : 1.0));
    }

    private void Crash(JsonObject pod, List<(string Name, string Image)> containers, List<ContainerFate> fates, PodState state, DateTimeOffset now)
    {
        state.Restarts++;

        // The kubelet's back-off: 10s doubling per restart, capped at 5 minutes (simulated time).
        var backOff = TimeSpan.FromSeconds(Math.Min(10 * Math.Pow(2, state.Restarts - 1), 300));
        var name = ObjectRefs.Name(pod);
        foreach (var container in containers.Where((_, i) => fates[i] == ContainerFate.Crashes))
        {
            events.Warning(ResourceTypes.Pods, pod, "BackOff", $"Back-off restarting failed container {container.Name} in pod {name}_{ObjectRefs.Namespace(pod)}({ObjectRefs.Uid(pod)})", "kubelet");
        }

        UpdateStatus(pod, status =>
        {
            var previous = status["containerStatuses"] as JsonArray;
            status["containerStatuses"] = ContainerStatuses(containers, (c, i) => fates[i] == ContainerFate.Crashes
                ? Waiting("CrashLoopBackOff", $"back-off {(int)backOff.TotalSeconds}s restarting failed container={c.Name} pod={name}_{ObjectRefs.Namespace(pod)}({ObjectRefs.Uid(pod)})")
                : previous?[i]?["state"]?.DeepClone() as JsonObject ?? Waiting("ContainerCreating"), previous);
            foreach (var (s, i) in (status["containerStatuses"] as JsonArray)!.Select((s, i) => (s!, i)).Where(x => fates[x.i] == ContainerFate.Crashes))
            {
                s["restartCount"] = state.Restarts;
                s["ready"] = false;
                s["started"] = false;
                s["lastState"] = new JsonObject
                {
                    ["terminated"] = new JsonObject
                    {
                        ["exitCode"] = 1,
                        ["reason"] = "Error",
                        ["startedAt"] = ObjectStore.Timestamp(now - clock.Scale(1.5)),
                        ["finishedAt"] = ObjectStore.Timestamp(now),
                        ["containerID"] = "containerd://" + Guid.NewGuid().ToString("N"),
                    },
                };
            }
        });
        state.Move(PodStage.CrashLoopBackOff, now + clock.Scale(backOff));
    }

    private void UpdateStatus(JsonObject pod, Action<JsonObject> change)
    {
        try
        {
            store.Update(ResourceTypes.Pods, ObjectRefs.Namespace(pod), ObjectRefs.Name(pod), p =>
            {
                change(Admission.Object(p, "status"));
                return p;
            });
        }
        catch (ApiError error) when (error.Code == 404)
        {
            // deleted meanwhile
        }
    }

    private static JsonArray ContainerStatuses(List<(string Name, string Image)> containers, Func<(string Name, string Image), int, JsonObject> state, JsonArray? previous)
    {
        var statuses = new JsonArray();
        foreach (var (container, i) in containers.Select((c, i) => (c, i)))
        {
            var reference = ImageReference.Parse(container.Image);
            statuses.Add(new JsonObject
            {
                ["name"] = container.Name,
                ["state"] = state(container, i),
                ["lastState"] = previous?[i]?["lastState"]?.DeepClone() ?? new JsonObject(),
                ["ready"] = previous?[i]?["ready"]?.DeepClone() ?? false,
                ["restartCount"] = previous?[i]?["restartCount"]?.DeepClone() ?? 0,
                ["image"] = $"{reference.Registry}/{reference.Repository}:{reference.Tag}",
                ["imageID"] = "",
                ["started"] = previous?[i]?["started"]?.DeepClone() ?? false,
            });
        }

        return statuses;
    }

    private static JsonObject Waiting(string reason, string? message = null) =>
        new() { ["waiting"] = new JsonObject { ["reason"] = reason, ["message"] = message } };

    private static void SetCondition(JsonObject status, string type, string value, string? reason = null, string? message = null)
    {
        var conditions = status["conditions"] as JsonArray ?? [];
        status["conditions"] = conditions;
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => JsonValues.AsString(c["type"]) == type);
        if (existing is not null && JsonValues.AsString(existing["status"]) == value)
        {
            return;
        }

        var condition = new JsonObject
        {
            ["type"] = type,
            ["status"] = value,
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = ObjectStore.Timestamp(DateTimeOffset.UtcNow),
            ["reason"] = reason,
            ["message"] = message,
        };
        if (existing is null)
        {
            conditions.Add(condition);
        }
        else
        {
            conditions[conditions.IndexOf(existing)] = condition;
        }
    }

    private sealed class PodState(PodStage stage, DateTimeOffset? dueAt)
    {
        public PodStage Stage { get; private set; } = stage;

        public DateTimeOffset? DueAt { get; private set; } = dueAt;

        public int Restarts { get; set; }

        public string? PodIp { get; set; }

        public void Move(PodStage stage, DateTimeOffset? dueAt)
        {
            Stage = stage;
            DueAt = dueAt;
        }
    }
}
