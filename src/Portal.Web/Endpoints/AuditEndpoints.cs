using Portal.Data.Audit;
using Portal.Data.Queries;

namespace Portal.Web.Endpoints;

public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit");
        audit.MapGet("/", QueryAsync);
        audit.MapPost("/verify", async (AuditChainVerifier verifier, CancellationToken cancellationToken) => Results.Ok(await verifier.VerifyAsync(cancellationToken)));
        return api.MapAuditExport();
    }

    /// <summary>Only the export: the UI's download group needs it, not the rest of the audit API.</summary>
    public static RouteGroupBuilder MapAuditExport(this RouteGroupBuilder group)
    {
        group.MapGet("/audit/export", ExportAsync);
        return group;
    }

    private static async Task<IResult> QueryAsync(IAuditQueryService audit, string? actor, string? action, string? environment,
        DateTimeOffset? from, DateTimeOffset? to, int? skip, int? take, CancellationToken cancellationToken)
    {
        var errors = PagingErrors(skip, take);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var page = await audit.QueryAsync(Filter(actor, action, environment, from, to), skip ?? 0, take ?? 50, cancellationToken);
        return Results.Ok(page);
    }

    private static IResult ExportAsync(AuditExporter exporter, string? format, string? actor, string? action, string? environment, DateTimeOffset? from, DateTimeOffset? to)
    {
        AuditExportFormat? parsed = (format ?? "csv").ToLowerInvariant() switch
        {
            "csv" => AuditExportFormat.Csv,
            "json" => AuditExportFormat.Json,
            _ => null,
        };
        if (parsed is not { } exportFormat)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["format must be csv or json."] });
        }

        var filter = Filter(actor, action, environment, from, to);
        var (contentType, extension) = exportFormat == AuditExportFormat.Csv ? ("text/csv", "csv") : ("application/json", "json");
        return Results.Stream(
            stream => exporter.ExportAsync(filter, exportFormat, stream),
            contentType,
            $"portal-audit-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}.{extension}");
    }

    private static AuditFilter Filter(string? actor, string? action, string? environment, DateTimeOffset? from, DateTimeOffset? to) =>
        new() { Actor = actor, Action = action, EnvironmentName = environment, From = from, To = to };

    internal static Dictionary<string, string[]> PagingErrors(int? skip, int? take)
    {
        var errors = new Dictionary<string, string[]>();
        if (skip is < 0)
        {
            errors["skip"] = ["skip must be 0 or more."];
        }

        if (take is < 1 or > 500)
        {
            errors["take"] = ["take must be between 1 and 500."];
        }

        return errors;
    }
}
