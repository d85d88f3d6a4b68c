using System.Globalization;
using System.Text.Json.Nodes;
using Portal.Sandbox.Kubernetes.Store;

namespace Portal.Sandbox.Kubernetes.Api;

/// <summary>
/// Server-side printing (meta.k8s.io/v1 Table) with the column sets of kubernetes' printers.go, so <c>kubectl get</c> shows
/// real columns. Priority 1 columns appear only with <c>-o wide</c>.
/// </summary>
internal static partial class TableConverter
{
    public static JsonObject ToTable(ResourceType type, IEnumerable<JsonObject> items, string resourceVersion, DateTimeOffset now, bool includeColumns, string? continueToken = null)
    {
        var rows = new JsonArray();
        foreach (var item in items)
        {
            var cells = new JsonArray();
            foreach (var cell in Cells(type, item, now))
            {
                cells.Add(cell);
            }

            rows.Add(new JsonObject
            {
                ["cells"] = cells,
                ["object"] = new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = item["metadata"]?.DeepClone(),
                },
            });
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion, ["continue"] = continueToken },
            ["columnDefinitions"] = includeColumns ? Columns(type) : null,
            ["rows"] = rows,
        };
    }

    private static JsonArray Columns(ResourceType type)
    {
        var columns = new JsonArray();
        foreach (var (name, kind, priority) in ColumnSet(type))
        {
            columns.Add(new JsonObject
            {
                ["name"] = name,
                ["type"] = kind,
                ["format"] = name == "Name" ? "name" : "",
                ["description"] = "",
                ["priority"] = priority,
            });
        }

        return columns;
    }

    private static (string Name, string Type, int Priority)[] ColumnSet(ResourceType type) => type.Plural switch
    {
        "pods" => [("Name", "string", 0), ("Ready", "string", 0), ("Status", "string", 0), ("Restarts", "string", 0), ("Age", "string", 0),
            ("IP", "string", 1), ("Node", "string", 1), ("Nominated Node", "string", 1), ("Readiness Gates", "string", 1)],
        "deployments" => [("Name", "string", 0), ("Ready", "string", 0), ("Up-to-date", "integer", 0), ("Available", "integer", 0), ("Age", "string", 0),
            ("Containers", "string", 1), ("Images", "string", 1), ("Selector", "string", 1)],
        "replicasets" => [("Name", "string", 0), ("Desired", "integer", 0), ("Current", "integer", 0), ("Ready", "integer", 0), ("Age", "string", 0),
            ("Containers", "string", 1), ("Images", "string", 1), ("Selector", "string", 1)],
        "services" => [("Name", "string", 0), ("Type", "string", 0), ("Cluster-IP", "string", 0), ("External-IP", "string", 0), ("Port(s)", "string", 0),
            ("Age", "string", 0), ("Selector", "string", 1)],
        "events" => [("Last Seen", "string", 0), ("Type", "string", 0), ("Reason", "string", 0), ("Object", "string", 0), ("Message", "string", 0)],
        "namespaces" => [("Name", "string", 0), ("Status", "string", 0), ("Age", "string", 0)],
        "ingresses" => [("Name", "string", 0), ("Class", "string", 0), ("Hosts", "string", 0), ("Address", "string", 0), ("Ports", "string", 0), ("Age", "string", 0)],
        "configmaps" => [("Name", "string", 0), ("Data", "integer", 0), ("Age", "string", 0)],
        "secrets" => [("Name", "string", 0), ("Type", "string", 0), ("Data", "integer", 0), ("Age", "string", 0)],
        "serviceaccounts" => [("Name", "string", 0), ("Secrets", "string", 0), ("Age", "string", 0)],
        "horizontalpodautoscalers" => [("Name", "string", 0), ("Reference", "string", 0), ("Targets", "string", 0), ("MinPods", "string", 0),
            ("MaxPods", "string", 0), ("Replicas", "string", 0), ("Age", "string", 0)],
        _ => [("Name", "string", 0), ("Age", "string", 0)],
    };

    private static JsonNode?[] Cells(ResourceType type, JsonObject item, DateTimeOffset now)
    {
        var name = item["metadata"]?["name"]?.GetValue<string>() ?? "";
        var age = Age(item["metadata"]?["creationTimestamp"], now);
        return type.Plural switch
        {
            "pods" => PodCells(item, name, age, now),
            "deployments" => DeploymentCells(item, name, age),
            "replicasets" => ReplicaSetCells(item, name, age),
            "services" => ServiceCells(item, name, age),
            "events" => EventCells(item, now),
            "namespaces" => [name, Str(item["status"]?["phase"]), age],
            "ingresses" => IngressCells(item, name, age),
            "configmaps" => [name, (item["data"] as JsonObject)?.Count ?? 0, age],
            "secrets" => [name, Str(item["type"]), (item["data"] as JsonObject)?.Count ?? 0, age],
            "serviceaccounts" => [name, (item["secrets"] as JsonArray)?.Count ?? 0, age],
            "horizontalpodautoscalers" => HorizontalPodAutoscalerCells(item, name, age),
            _ => [name, age],
        };
    }

    private static string Age(JsonNode? timestamp, DateTimeOffset now) =>
        timestamp is null ? "<unknown>" : HumanDuration.Format(now - DateTimeOffset.Parse(timestamp.GetValue<string>(), CultureInfo.InvariantCulture));

    private static string Str(JsonNode? node) => node?.ToString() ?? "";

    private static int Int(JsonNode? node) => JsonValues.AsInt(node);
}
