using Portal.Data.Entities;
using Portal.Provisioning.Approvals;
using Portal.Provisioning.Environments;
using Portal.Web.State;

namespace Portal.Web.Endpoints;

/// <summary>
/// <c>/api/approvals</c>: list and read requests, approve, reject (comment required), break glass (Admin, reason
/// required) and withdraw. The service decides who may: 403 for the requester or a user without an eligible role (for
/// break-glass: without the Admin role), 409 when the request takes no decision now.
/// </summary>
public static class ApprovalEndpoints
{
    public static RouteGroupBuilder MapApprovalEndpoints(this RouteGroupBuilder api)
    {
        var approvals = api.MapGroup("/approvals");
        approvals.MapGet("/", ListAsync);
        approvals.MapGet("/{id:long}", GetAsync);
        approvals.MapPost("/{id:long}/approve", (long id, HttpContext http, IApprovalService service, CancellationToken ct) =>
            DecideAsync(http, "comment", (comment, actor) => service.ApproveAsync(id, comment, actor, ct), ct));
        approvals.MapPost("/{id:long}/reject", (long id, HttpContext http, IApprovalService service, CancellationToken ct) =>
            DecideAsync(http, "comment", (comment, actor) => service.RejectAsync(id, comment, actor, ct), ct));
        // A missing reason is the service's answer, after its role check: a non-Admin gets 403 whatever the body.
        approvals.MapPost("/{id:long}/break-glass", (long id, HttpContext http, IApprovalService service, CancellationToken ct) =>
            DecideAsync(http, "reason", (reason, actor) => service.BreakGlassAsync(id, reason, actor, ct), ct));
        approvals.MapPost("/{id:long}/cancel", async (long id, HttpContext http, IApprovalService service, CancellationToken ct) =>
            ToHttpResult(await service.CancelAsync(id, Actor(http), ct)));
        return api;
    }

    private static async Task<IResult> ListAsync(IApprovalService service, string? status, string? environment, int? skip, int? take, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        ApprovalStatus? parsed = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (TryParseStatus(status, out var value))
            {
                parsed = value;
            }
            else
            {
                errors["status"] = [$"Unknown status '{status}'; expected one of awaiting, {string.Join(", ", Enum.GetNames<ApprovalStatus>().Select(JsonName))}."];
            }
        }

        PagingQuery.Validate(skip, take, 500, errors);

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        return Results.Ok(await service.ListAsync(new ApprovalFilter(parsed, environment), skip ?? 0, take ?? 50, cancellationToken));
    }

    private static async Task<IResult> GetAsync(long id, IApprovalService service, CancellationToken cancellationToken) =>
        await service.GetAsync(id, cancellationToken) is { } detail
            ? Results.Ok(detail)
            : Results.Problem(title: "Not found", detail: $"There is no approval request {id}.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>
    /// Reads the optional body <c>{"&lt;field&gt;": "..."}</c> (the comment of an approve or reject, the reason of a
    /// break-glass) and decides; a bad body is a 400 naming the field before anything is decided or written.
    /// </summary>
    private static async Task<IResult> DecideAsync(
        HttpContext http, string field, Func<string?, ActorContext, Task<ApprovalDecisionResult>> decide, CancellationToken cancellationToken)
    {
        string? text = null;
        // A body is optional: no body means no text (the service asks for one where it is required).
        if (http.Request.ContentLength > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            var (body, problem) = await JsonBody.ReadAsync(http.Request, cancellationToken);
            if (body is null)
            {
                return problem!;
            }

            body.RejectUnknown(field);
            text = body.GetString(field);
            if (body.Errors.Count > 0)
            {
                return Results.ValidationProblem(body.Errors.ToDictionary(e => e.Key, e => e.Value), detail: "Nothing was decided: correct the fields named in 'errors'.");
            }
        }

        return ToHttpResult(await decide(text, Actor(http)));
    }

    private static IResult ToHttpResult(ApprovalDecisionResult result) => result.Status switch
    {
        ApprovalDecisionStatus.Recorded => Results.Ok(new { message = result.Message, request = result.Request }),
        ApprovalDecisionStatus.Invalid => Results.ValidationProblem(result.Errors.ToDictionary(e => e.Key, e => e.Value), detail: "Nothing was decided: correct the fields named in 'errors'."),
        ApprovalDecisionStatus.Forbidden => Results.Problem(title: "Forbidden", detail: result.Message, statusCode: StatusCodes.Status403Forbidden),
        ApprovalDecisionStatus.NotFound => Results.Problem(title: "Not found", detail: result.Message, statusCode: StatusCodes.Status404NotFound),
        _ => Results.Problem(title: "Conflict", detail: result.Message, statusCode: StatusCodes.Status409Conflict),
    };

    /// <summary>Accepts the JSON names (<c>awaitingApproval</c>), any case, and <c>awaiting</c> for short.</summary>
    public static bool TryParseStatus(string text, out ApprovalStatus status)
    {
        if (string.Equals(text, "awaiting", StringComparison.OrdinalIgnoreCase))
        {
            status = ApprovalStatus.AwaitingApproval;
            return true;
        }

        return Enum.TryParse(text, ignoreCase: true, out status) && Enum.IsDefined(status) && !int.TryParse(text, out _);
    }

    private static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static ActorContext Actor(HttpContext http) =>
        http.RequestServices.GetRequiredService<CurrentActor>().ToActorContext() with { RemoteAddress = http.Connection.RemoteIpAddress?.ToString() };
}
