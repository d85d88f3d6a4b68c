using System.Text.Json.Nodes;
using Portal.Data.Entities;
using Portal.Data.Queries;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Templates;
using Portal.Web.Endpoints.Contracts;
using Portal.Web.State;

namespace Portal.Web.Endpoints;

public static class EnvironmentEndpoints
{
    public static RouteGroupBuilder MapEnvironmentEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/templates", (ITemplateCatalog catalog) =>
            Results.Ok(new TemplateList([.. catalog.Templates.Select(TemplateItem.From)], catalog.Problems)));

        var environments = api.MapGroup("/environments");
        environments.MapGet("/", ListAsync);
        environments.MapPost("/", CreateAsync);
        environments.MapGet("/{name}", GetAsync);
        environments.MapPatch("/{name}", UpdateAsync);
        environments.MapDelete("/{name}", (string name, IEnvironmentService service, HttpContext http, CancellationToken ct) =>
            RunAsync(http, actor => service.DestroyAsync(name, actor, ct)));
        environments.MapPost("/{name}/drift-check", (string name, IEnvironmentService service, HttpContext http, CancellationToken ct) =>
            RunAsync(http, actor => service.CheckDriftAsync(name, actor, ct)));
        environments.MapPost("/{name}/unlock", (string name, IEnvironmentService service, HttpContext http, CancellationToken ct) =>
            RunAsync(http, actor => service.UnlockStackAsync(name, actor, ct)));
        environments.MapPost("/{name}/clear-pending", (string name, IEnvironmentService service, HttpContext http, CancellationToken ct) =>
            RunAsync(http, actor => service.ClearPendingOperationsAsync(name, actor, ct)));
        environments.MapPost("/{name}/jobs/{jobId:long}/retry", (string name, long jobId, IEnvironmentService service, HttpContext http, CancellationToken ct) =>
            RunAsync(http, actor => service.RetryAsync(name, jobId, actor, ct)));
        return api;
    }

    private static async Task<IResult> ListAsync(
        IEnvironmentQueryService queries, string? search, string? @class, string? status, int? skip, int? take, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var environmentClass = ParseEnum<EnvironmentClass>(@class, "class", errors);
        var environmentStatus = ParseEnum<EnvironmentStatus>(status, "status", errors);
        PagingQuery.Validate(skip, take, 500, errors);

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var page = await queries.ListAsync(new EnvironmentFilter { Search = search, Class = environmentClass, Status = environmentStatus }, skip ?? 0, take ?? 50, cancellationToken);
        return Results.Ok(new PagedResult<EnvironmentListItem>([.. page.Items.Select(EnvironmentListItem.From)], page.TotalCount));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, IEnvironmentService service, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync(http.Request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        body.RejectUnknown("name", "template", "class", "parameters");
        var name = body.GetString("name");
        var template = body.GetString("template");
        var classText = body.GetString("class");
        var parameters = body.GetObject("parameters");
        EnvironmentClass? environmentClass = null;
        if (classText is not null)
        {
            if (Enum.TryParse<EnvironmentClass>(classText, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(classText, out _))
            {
                environmentClass = parsed;
            }
            else
            {
                body.AddError("class", $"'{classText}' is not a class; use development, staging, production or ephemeral.");
            }
        }

        if (body.Errors.Count > 0)
        {
            // Malformed fields are answered before the service sees anything, so nothing can be created.
            return EnvironmentCommandResult.Invalid(body.Errors).ToHttpResult();
        }

        return (await service.CreateAsync(new CreateEnvironmentCommand(name, template, environmentClass, parameters), Actor(http), cancellationToken)).ToHttpResult();
    }

    private static async Task<IResult> UpdateAsync(string name, HttpContext http, IEnvironmentService service, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync(http.Request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        body.RejectUnknown("parameters");
        var parameters = body.GetObject("parameters");
        if (body.Errors.Count > 0)
        {
            return EnvironmentCommandResult.Invalid(body.Errors).ToHttpResult();
        }

        return (await service.UpdateAsync(name, parameters, Actor(http), cancellationToken)).ToHttpResult();
    }

    private static async Task<IResult> GetAsync(
        string name, IEnvironmentQueryService queries, ITemplateCatalog catalog, EnvironmentClusterAccess clusters, CancellationToken cancellationToken)
    {
        if (await queries.FindAsync(name, cancellationToken) is not { } environment)
        {
            return Results.Problem(title: "Not found", detail: $"No environment named '{name}'.", statusCode: StatusCodes.Status404NotFound);
        }

        var template = catalog.Find(environment.TemplateName);
        var parameters = new JsonObject();
        foreach (var (key, value) in EnvironmentParameters.Read(environment))
        {
            parameters[key] = value?.DeepClone();
        }

        foreach (var secret in template?.Parameters.Where(p => p.HasSecretValue) ?? [])
        {
            parameters[secret.Name] = "[secret]";
        }

        var cluster = template is null ? null : await ClusterSnapshots.ReadAsync(clusters, template, environment, cancellationToken);
        return Results.Ok(new EnvironmentDetail(
            environment.Name, environment.TemplateName, environment.Class, environment.Status, environment.StackName, environment.CreatedBy,
            environment.CreatedAt, environment.UpdatedAt, parameters,
            environment.OutputsJson is null ? null : JsonNode.Parse(environment.OutputsJson) as JsonObject, environment.OutputsUpdatedAt,
            await queries.GetLastOperationAsync(environment.Id, cancellationToken), cluster));
    }

    private static async Task<IResult> RunAsync(HttpContext http, Func<ActorContext, Task<EnvironmentCommandResult>> command) =>
        (await command(Actor(http))).ToHttpResult();

    internal static ActorContext Actor(HttpContext http) => http.RequestServices.GetRequiredService<CurrentActor>().ToActorContext();

    private static T? ParseEnum<T>(string? text, string field, Dictionary<string, string[]> errors)
        where T : struct, Enum
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(text, out _))
        {
            return value;
        }

        errors[field] = [$"'{text}' is not one of: {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}."];
        return null;
    }
}
