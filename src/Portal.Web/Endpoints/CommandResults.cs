using Portal.Provisioning.Environments;
using Portal.Web.Endpoints.Contracts;

namespace Portal.Web.Endpoints;

/// <summary>Maps an <see cref="EnvironmentCommandResult"/> to HTTP: 202 with the job (or the approval request of a protected environment), 400 with field errors, 403, 404, 409.</summary>
public static class CommandResults
{
    public static IResult ToHttpResult(this EnvironmentCommandResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Status switch
        {
            EnvironmentCommandStatus.Accepted => Results.Accepted(
                $"/api/jobs/{result.JobId}",
                new JobAccepted(result.JobId!.Value, result.EnvironmentName, $"/api/jobs/{result.JobId}",
                    result.EnvironmentName is null ? null : $"/api/environments/{result.EnvironmentName}", result.ReleaseId)),
            EnvironmentCommandStatus.AwaitingApproval => Results.Accepted(
                $"/api/approvals/{result.ApprovalRequestId}",
                new ApprovalAccepted("awaitingApproval", result.ApprovalRequestId!.Value, result.JobId!.Value, result.EnvironmentName,
                    $"/api/approvals/{result.ApprovalRequestId}", $"/api/jobs/{result.JobId}", result.Message ?? "The change waits for approval.")),
            EnvironmentCommandStatus.Invalid => Results.ValidationProblem(
                result.Errors.ToDictionary(e => e.Key, e => e.Value), detail: "Nothing was changed: correct the fields named in 'errors'."),
            EnvironmentCommandStatus.NotFound => Results.Problem(title: "Not found", detail: result.Message, statusCode: StatusCodes.Status404NotFound),
            EnvironmentCommandStatus.Forbidden => Results.Problem(title: "Forbidden", detail: result.Message, statusCode: StatusCodes.Status403Forbidden),
            _ => Results.Problem(title: "Conflict", detail: result.Message, statusCode: StatusCodes.Status409Conflict),
        };
    }
}
