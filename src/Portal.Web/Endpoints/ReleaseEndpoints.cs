using Portal.Data.Queries;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Releases;
using Portal.Provisioning.Templates;
using Portal.Web.Endpoints.Contracts;

namespace Portal.Web.Endpoints;

/// <summary>Releases, rollbacks and restarts of an environment's workloads, and their history.</summary>
public static class ReleaseEndpoints
{
    public static RouteGroupBuilder MapReleaseEndpoints(this RouteGroupBuilder api)
    {
        var environment = api.MapGroup("/environments/{name}");
        environment.MapGet("/workloads", ListWorkloadsAsync);
        environment.MapPost("/workloads/{workload}/restart", (string name, string workload, IReleaseService service, HttpContext http, CancellationToken ct) =>
            RunAsync(http, actor => service.RestartAsync(name, workload, actor, ct)));
        environment.MapPost("/workloads/{workload}/rollback", RollbackAsync);
        environment.MapPost("/releases", ReleaseAsync);
        environment.MapPost("/releases/preview", PreviewAsync);
        environment.MapGet("/releases", ListAsync);
        environment.MapGet("/releases/compare", CompareAsync);
        environment.MapGet("/releases/{id:long}", GetAsync);
        return api;
    }

    private static async Task<IResult> ListWorkloadsAsync(
        string name, IEnvironmentQueryService environments, IReleaseQueryService releases, ITemplateCatalog catalog, WorkloadImageReader images,
        CancellationToken cancellationToken)
    {
        if (await environments.FindAsync(name, cancellationToken) is not { } environment)
        {
            return NotFound($"No environment named '{name}'.");
        }

        var latest = (await releases.GetLatestPerWorkloadAsync(name, cancellationToken)).ToDictionary(r => r.Workload, StringComparer.Ordinal);
        var items = new List<WorkloadItem>();
        foreach (var workload in catalog.Find(environment.TemplateName)?.Workloads ?? [])
        {
            var target = WorkloadTarget.Resolve(catalog.Find(environment.TemplateName)!, workload, EnvironmentParameters.Read(environment));
            var (image, problem) = await images.ReadAsync(environment, target, cancellationToken);
            items.Add(new WorkloadItem(workload.Name, target.Namespace, target.Deployment, target.Container, target.StrategyName, image, problem,
                latest.GetValueOrDefault(workload.Name)));
        }

        return Results.Ok(items);
    }

    private static async Task<IResult> ReleaseAsync(string name, HttpContext http, IReleaseService service, CancellationToken cancellationToken)
    {
        var (command, problem) = await ReadCommandAsync(name, http, cancellationToken);
        return problem ?? (await service.ReleaseAsync(command!, EnvironmentEndpoints.Actor(http), cancellationToken)).ToHttpResult();
    }

    private static async Task<IResult> PreviewAsync(string name, HttpContext http, IReleaseService service, CancellationToken cancellationToken)
    {
        var (command, problem) = await ReadCommandAsync(name, http, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var preview = await service.PreviewAsync(command!, EnvironmentEndpoints.Actor(http), cancellationToken);
        return preview.Command is { Status: EnvironmentCommandStatus.Accepted, JobId: null }
            ? Results.Ok(new ReleasePreviewItem(preview.Strategy, preview.CurrentImage, preview.NewImage))
            : preview.Command.ToHttpResult();
    }

    private static async Task<IResult> RollbackAsync(string name, string workload, HttpContext http, IReleaseService service, CancellationToken cancellationToken)
    {
        long? releaseId = null;
        if (http.Request.ContentLength > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            var (body, problem) = await JsonBody.ReadAsync(http.Request, cancellationToken);
            if (body is null)
            {
                return problem!;
            }

            body.RejectUnknown("releaseId");
            releaseId = body.GetInt64("releaseId");
            if (body.Errors.Count > 0)
            {
                return EnvironmentCommandResult.Invalid(body.Errors).ToHttpResult();
            }
        }

        return (await service.RollbackAsync(name, workload, releaseId, EnvironmentEndpoints.Actor(http), cancellationToken)).ToHttpResult();
    }

    private static async Task<IResult> ListAsync(
        string name, string? workload, int? skip, int? take, IEnvironmentQueryService environments, IReleaseQueryService releases, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        PagingQuery.Validate(skip, take, ReleaseQueryService.MaxPageSize, errors);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        if (await environments.FindAsync(name, cancellationToken) is null)
        {
            return NotFound($"No environment named '{name}'.");
        }

        return Results.Ok(await releases.ListAsync(new ReleaseFilter(name, workload), skip ?? 0, take ?? 50, cancellationToken));
    }

    private static async Task<IResult> GetAsync(string name, long id, IReleaseQueryService releases, CancellationToken cancellationToken) =>
        await releases.GetAsync(id, cancellationToken) is { } release && release.EnvironmentName == name
            ? Results.Ok(release)
            : NotFound($"Environment '{name}' has no release {id}.");

    private static async Task<IResult> CompareAsync(string name, long? from, long? to, IReleaseQueryService releases, CancellationToken cancellationToken)
    {
        if (from is null || to is null)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { [from is null ? "from" : "to"] = ["Give two release ids: ?from=…&to=…."] });
        }

        var first = await releases.GetAsync(from.Value, cancellationToken);
        var second = await releases.GetAsync(to.Value, cancellationToken);
        if (first?.EnvironmentName != name || second?.EnvironmentName != name)
        {
            return NotFound($"Environment '{name}' has no release {(first?.EnvironmentName != name ? from : to)}.");
        }

        return Results.Ok(ReleaseDiffer.Compare(first, second!));
    }

    private static async Task<(ReleaseCommand? Command, IResult? Problem)> ReadCommandAsync(string name, HttpContext http, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync(http.Request, cancellationToken);
        if (body is null)
        {
            return (null, problem);
        }

        body.RejectUnknown("workload", "image");
        var command = new ReleaseCommand(name, body.GetString("workload"), body.GetString("image"));
        return body.Errors.Count > 0 ? (null, EnvironmentCommandResult.Invalid(body.Errors).ToHttpResult()) : (command, null);
    }

    private static async Task<IResult> RunAsync(HttpContext http, Func<ActorContext, Task<EnvironmentCommandResult>> command) =>
        (await command(EnvironmentEndpoints.Actor(http))).ToHttpResult();

    private static IResult NotFound(string detail) => Results.Problem(title: "Not found", detail: detail, statusCode: StatusCodes.Status404NotFound);
}
