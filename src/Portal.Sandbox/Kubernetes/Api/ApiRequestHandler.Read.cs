using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Sandbox.Kubernetes.Selectors;
using Portal.Sandbox.Kubernetes.Store;

namespace Portal.Sandbox.Kubernetes.Api;

internal sealed partial class ApiRequestHandler
{
    private async Task GetAsync(HttpContext context, ApiRoute route)
    {
        var item = Store.Get(route.Type, route.Namespace, route.Name!) ?? throw ApiError.NotFound(route.Type, route.Name!);
        if (WantsTable(context.Request) && route.Subresource is null)
        {
            var table = TableConverter.ToTable(route.Type, [item], JsonValues.AsString(item["metadata"]?["resourceVersion"]), Store.Time.GetUtcNow(), includeColumns: true);
            await WriteAsync(context, 200, table, TableContentType);
            return;
        }

        await WriteAsync(context, 200, item);
    }

    private async Task ListAsync(HttpContext context, ApiRoute route)
    {
        var query = context.Request.Query;
        var labels = LabelSelector.Parse(query["labelSelector"]);
        var fields = FieldSelector.Parse(query["fieldSelector"]);
        var (all, version) = Store.List(route.Type, route.Namespace);

        // continue = base64("<listVersion>|<last key>"): pages resume after a key, reporting the first page's version.
        var after = (string?)null;
        if (query["continue"].ToString() is { Length: > 0 } token)
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('|', 2);
            version = long.Parse(decoded[0], CultureInfo.InvariantCulture);
            after = decoded[1];
        }

        var limit = int.TryParse(query["limit"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) && l > 0 ? l : int.MaxValue;
        var page = new List<JsonObject>();
        string? next = null;
        var remaining = 0L;
        foreach (var item in all)
        {
            var key = ObjectStore.Key(JsonValues.AsString(item["metadata"]?["namespace"]), JsonValues.AsString(item["metadata"]?["name"]));
            if ((after is not null && string.CompareOrdinal(key, after) <= 0) || !labels.Matches(item) || !fields.Matches(item))
            {
                continue;
            }

            if (page.Count < limit)
            {
                page.Add(item);
                if (page.Count == limit)
                {
                    next = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{version}|{key}"));
                }
            }
            else
            {
                remaining++;
            }
        }

        if (remaining == 0)
        {
            next = null;
        }

        var versionText = version.ToString(CultureInfo.InvariantCulture);
        if (WantsTable(context.Request))
        {
            await WriteAsync(context, 200, TableConverter.ToTable(route.Type, page, versionText, Store.Time.GetUtcNow(), includeColumns: true, next), TableContentType);
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = JsonContentType;
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("kind", route.Type.Kind + "List");
        writer.WriteString("apiVersion", route.Type.ApiVersion);
        writer.WriteStartObject("metadata");
        writer.WriteString("resourceVersion", versionText);
        if (next is not null)
        {
            writer.WriteString("continue", next);
            writer.WriteNumber("remainingItemCount", remaining);
        }

        writer.WriteEndObject();
        writer.WriteStartArray("items");
        foreach (var item in page)
        {
            item.WriteTo(writer);
            if (writer.BytesPending > 64 * 1024)
            {
                await writer.FlushAsync(context.RequestAborted);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }
}
