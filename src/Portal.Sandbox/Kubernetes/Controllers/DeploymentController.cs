using System.Globalization;
using System.Text.Json.Nodes;
using Portal.Sandbox.Kubernetes.Store;

namespace Portal.Sandbox.Kubernetes.Controllers;

/// <summary>
/// The deployment controller (pkg/controller/deployment): one ReplicaSet per pod template, named
/// <c>&lt;deployment&gt;-&lt;pod-template-hash&gt;</c>, with revision annotations and a controller owner reference; rolling
/// updates bounded by maxSurge/maxUnavailable (Recreate supported); status and the Available/Progressing conditions with
/// the real reasons and messages, including ProgressDeadlineExceeded after spec.progressDeadlineSeconds (scaled).
/// </summary>
internal sealed partial class DeploymentController(ObjectStore store, EventRecorder events, SimulationClock clock)
{
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    private const string Component = "deployment-controller";

    /// <summary>Precise time of the last progress per deployment uid (the JSON lastUpdateTime has only second precision).</summary>
    private readonly Dictionary<string, DateTimeOffset> _lastProgress = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _deadlines = new(StringComparer.Ordinal);

    public DateTimeOffset? NextWakeUp => _deadlines.Count == 0 ? null : _deadlines.Values.Min();

    public void Reconcile()
    {
        var replicaSets = store.List(ResourceTypes.ReplicaSets, null).Items.ToLookup(rs => ObjectRefs.ControllerUid(rs) ?? "");
        _deadlines.Clear();
        foreach (var deployment in store.List(ResourceTypes.Deployments, null).Items)
        {
            if (!ObjectRefs.IsDeleting(deployment))
            {
                Sync(deployment, [.. replicaSets[ObjectRefs.Uid(deployment)]]);
            }
        }
    }

    private void Sync(JsonObject deployment, List<JsonObject> owned)
    {
        var ns = ObjectRefs.Namespace(deployment);
        var spec = deployment["spec"]!;
        var template = spec["template"]!;
        var desired = JsonValues.AsInt(spec["replicas"]);
        var paused = spec["paused"]?.GetValue<bool>() == true;
        var newRs = owned.FirstOrDefault(rs => PodTemplateHash.SameTemplate(rs["spec"]?["template"], template));
        var oldRss = owned.Where(rs => !ReferenceEquals(rs, newRs)).OrderBy(ObjectRefs.Revision).ThenBy(ObjectRefs.Created).ToList();
        var maxOldRevision = oldRss.Count == 0 ? 0 : oldRss.Max(ObjectRefs.Revision);
        (string Reason, string Message)? rolloutStarted = null;

        if (newRs is null && !paused)
        {
            newRs = CreateReplicaSet(deployment, maxOldRevision + 1, desired);
            rolloutStarted = ("NewReplicaSetCreated", $"Created new replica set \"{ObjectRefs.Name(newRs)}\"");
        }
        else if (newRs is not null && ObjectRefs.Revision(newRs) <= maxOldRevision)
        {
            // Rolling back to an older template: that ReplicaSet becomes the newest revision again.
            var revision = (maxOldRevision + 1).ToString(CultureInfo.InvariantCulture);
            newRs = store.Update(ResourceTypes.ReplicaSets, ns, ObjectRefs.Name(newRs), rs =>
            {
                Admission.Object(Admission.Object(rs, "metadata"), "annotations")[RevisionAnnotation] = revision;
                return rs;
            });
            rolloutStarted = ("FoundNewReplicaSet", $"Found new replica set \"{ObjectRefs.Name(newRs)}\"");
        }

        if (newRs is not null && ObjectRefs.Annotation(deployment, RevisionAnnotation) != ObjectRefs.Annotation(newRs, RevisionAnnotation))
        {
            var revision = ObjectRefs.Annotation(newRs, RevisionAnnotation);
            deployment = store.Update(ResourceTypes.Deployments, ns, ObjectRefs.Name(deployment), d =>
            {
                Admission.Object(Admission.Object(d, "metadata"), "annotations")[RevisionAnnotation] = revision;
                return d;
            });
        }

        var (maxSurge, maxUnavailable) = RollingParameters(spec, desired);
        if (!paused && newRs is not null)
        {
            if (JsonValues.AsString(spec["strategy"]?["type"]) == "Recreate")
            {
                Recreate(deployment, newRs, oldRss, desired);
            }
            else
            {
                Roll(deployment, newRs, oldRss, desired, maxSurge, maxUnavailable);
            }

            CleanUpHistory(deployment, oldRss);
        }

        UpdateStatus(deployment, newRs, oldRss, desired, maxUnavailable, rolloutStarted);
    }

    private JsonObject CreateReplicaSet(JsonObject deployment, long revision, int desired)
    {
        var template = (JsonObject)deployment["spec"]!["template"]!.DeepClone();
        var hash = PodTemplateHash.Compute(template);
        var templateMetadata = Admission.Object(template, "metadata");
        Admission.Object(templateMetadata, "labels")["pod-template-hash"] = hash;
        var selector = (JsonObject)(deployment["spec"]!["selector"]?.DeepClone() ?? new JsonObject());
        Admission.Object(selector, "matchLabels")["pod-template-hash"] = hash;

        var annotations = new JsonObject();
        foreach (var (key, value) in deployment["metadata"]?["annotations"] as JsonObject ?? [])
        {
            if (key is not (RevisionAnnotation or "kubectl.kubernetes.io/last-applied-configuration"))
            {
                annotations[key] = value?.DeepClone();
            }
        }

        var (maxSurge, _) = RollingParameters(deployment["spec"]!, desired);
        annotations[RevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture);
        annotations["deployment.kubernetes.io/desired-replicas"] = desired.ToString(CultureInfo.InvariantCulture);
        annotations["deployment.kubernetes.io/max-replicas"] = (desired + maxSurge).ToString(CultureInfo.InvariantCulture);
        var labels = (templateMetadata["labels"]?.DeepClone() as JsonObject) ?? [];
        var replicaSet = new JsonObject
        {
            ["kind"] = "ReplicaSet",
            ["apiVersion"] = "apps/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{ObjectRefs.Name(deployment)}-{hash}",
                ["namespace"] = ObjectRefs.Namespace(deployment),
                ["labels"] = labels,
                ["annotations"] = annotations,
                ["ownerReferences"] = new JsonArray(ObjectRefs.OwnerReference(ResourceTypes.Deployments, deployment)),
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 0,
                ["minReadySeconds"] = deployment["spec"]?["minReadySeconds"]?.DeepClone() ?? 0,
                ["selector"] = selector,
                ["template"] = template,
            },
            ["status"] = new JsonObject { ["replicas"] = 0 },
        };
        return store.Create(ResourceTypes.ReplicaSets, replicaSet);
    }

    private static (int MaxSurge, int MaxUnavailable) RollingParameters(JsonNode spec, int desired)
    {
        var rolling = spec["strategy"]?["rollingUpdate"];
        var surge = IntOrPercent(rolling?["maxSurge"], desired, roundUp: true);
        var unavailable = IntOrPercent(rolling?["maxUnavailable"], desired, roundUp: false);
        return surge == 0 && unavailable == 0 ? (0, 1) : (surge, unavailable);
    }

    private static int IntOrPercent(JsonNode? value, int total, bool roundUp)
    {
        var text = value is null ? "25%" : JsonValues.AsString(value);
        if (!text.EndsWith('%'))
        {
            return JsonValues.AsInt(value);
        }

        var exact = total * int.Parse(text[..^1], CultureInfo.InvariantCulture) / 100.0;
        return (int)(roundUp ? Math.Ceiling(exact) : Math.Floor(exact));
    }
}
