using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Portal.Sandbox.Kubernetes.Store;

namespace Portal.Sandbox.Kubernetes.Controllers;

/// <summary>
/// Plays the AWS Load Balancer Controller for Services of type LoadBalancer: holds a cleanup finalizer, publishes an
/// ELB-style hostname (<c>k8s-&lt;ns&gt;-&lt;svc&gt;-&lt;hash&gt;.elb.&lt;region&gt;.amazonaws.com</c>) after a provisioning delay,
/// and on deletion keeps the Service (deletionTimestamp set) until the simulated teardown finishes.
/// </summary>
internal sealed class LoadBalancerController(ObjectStore store, EventRecorder events, SimulationClock clock, string region)
{
    public const string CleanupFinalizer = "service.kubernetes.io/load-balancer-cleanup";
    private const string Component = "service-controller";
    private static readonly TimeSpan s_provisionDelay = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan s_deleteDelay = TimeSpan.FromSeconds(2);
    private readonly Dictionary<string, DateTimeOffset> _due = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _teardown = new(StringComparer.Ordinal);

    public DateTimeOffset? NextWakeUp => _due.Values.Concat(_teardown.Values).Select(d => (DateTimeOffset?)d).Min();

    public void Reconcile()
    {
        var now = clock.Now;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var service in store.List(ResourceTypes.Services, null).Items)
        {
            var hasFinalizer = (service["metadata"]?["finalizers"] as JsonArray)?.Any(f => JsonValues.AsString(f) == CleanupFinalizer) == true;
            if (JsonValues.AsString(service["spec"]?["type"]) != "LoadBalancer" && !hasFinalizer)
            {
                continue;
            }

            var uid = ObjectRefs.Uid(service);
            seen.Add(uid);
            if (ObjectRefs.IsDeleting(service))
            {
                if (hasFinalizer)
                {
                    Teardown(service, uid, now);
                }

                continue;
            }

            if (!hasFinalizer)
            {
                Update(service, s => AddFinalizer(s));
                events.Normal(ResourceTypes.Services, service, "EnsuringLoadBalancer", "Ensuring load balancer", Component);
                _due[uid] = now + clock.Scale(s_provisionDelay);
                continue;
            }

            var hasAddress = service["status"]?["loadBalancer"]?["ingress"] is JsonArray { Count: > 0 };
            if (hasAddress)
            {
                _due.Remove(uid);
                continue;
            }

            if (!_due.TryGetValue(uid, out var due))
            {
                _due[uid] = now + clock.Scale(s_provisionDelay);
            }
            else if (due <= now)
            {
                var hostname = Hostname(service);
                Update(service, s =>
                {
                    s["status"] = new JsonObject { ["loadBalancer"] = new JsonObject { ["ingress"] = new JsonArray(new JsonObject { ["hostname"] = hostname }) } };
                });
                events.Normal(ResourceTypes.Services, service, "EnsuredLoadBalancer", "Ensured load balancer", Component);
                _due.Remove(uid);
            }
        }

        foreach (var gone in _due.Keys.Concat(_teardown.Keys).Where(k => !seen.Contains(k)).ToList())
        {
            _due.Remove(gone);
            _teardown.Remove(gone);
        }
    }

    public string Hostname(JsonNode service)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ObjectRefs.Uid(service))))[..10];
        return $"k8s-{Truncate(ObjectRefs.Namespace(service))}-{Truncate(ObjectRefs.Name(service))}-{hash}.elb.{region}.amazonaws.com";
    }

    private void Teardown(JsonObject service, string uid, DateTimeOffset now)
    {
        _due.Remove(uid);
        if (!_teardown.TryGetValue(uid, out var due))
        {
            events.Normal(ResourceTypes.Services, service, "DeletingLoadBalancer", "Deleting load balancer", Component);
            _teardown[uid] = now + clock.Scale(s_deleteDelay);
            return;
        }

        if (due > now)
        {
            return;
        }

        events.Normal(ResourceTypes.Services, service, "DeletedLoadBalancer", "Deleted load balancer", Component);
        _teardown.Remove(uid);
        Update(service, s =>
        {
            var finalizers = (JsonArray)s["metadata"]!["finalizers"]!;
            foreach (var f in finalizers.Where(f => JsonValues.AsString(f) == CleanupFinalizer).ToList())
            {
                finalizers.Remove(f);
            }
        });
    }

    private static void AddFinalizer(JsonObject service)
    {
        var metadata = Admission.Object(service, "metadata");
        var finalizers = metadata["finalizers"] as JsonArray ?? [];
        finalizers.Add(CleanupFinalizer);
        metadata["finalizers"] = finalizers;
    }

    private void Update(JsonObject service, Action<JsonObject> change)
    {
        try
        {
            store.Update(ResourceTypes.Services, ObjectRefs.Namespace(service), ObjectRefs.Name(service), s =>
            {
                change(s);
                return s;
            });
        }
        catch (ApiError error) when (error.Code == 404)
        {
            // deleted meanwhile
        }
    }

    // The AWS controller shortens namespace and name to 8 characters each in generated names.
    private static string Truncate(string value) => value.Length <= 8 ? value : value[..8];
}
