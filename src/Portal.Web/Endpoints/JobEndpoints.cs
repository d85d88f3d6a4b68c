using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Portal.Data.Queries;
using Portal.Provisioning.Access;
using Portal.Provisioning.Jobs;
using Portal.Web.Endpoints.Contracts;
using Portal.Web.State;

namespace Portal.Web.Endpoints;

public static class JobEndpoints
{
    private const int LogBatchSize = 1_000;

    private const int MaxEventPage = 1_000;

    public static RouteGroupBuilder MapJobEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/jobs/{id:long}/log", DownloadLogAsync);
        return api;
    }

    /// <summary>The API's job resource and cancel; the download group maps only the log.</summary>
    public static RouteGroupBuilder MapJobApi(this RouteGroupBuilder api)
    {
        api.MapGet("/jobs/{id:long}", GetAsync);
        api.MapPost("/jobs/{id:long}/cancel", CancelAsync);
        return api.MapJobEndpoints();
    }

    /// <summary>The job with its queue position and the events after <paramref name="after"/> (a page of up to <paramref name="take"/>).</summary>
    private static async Task<IResult> GetAsync(long id, int? after, int? take, IJobQueryService jobs, CancellationToken cancellationToken)
    {
        if (after < 0 || take is < 1 or > MaxEventPage)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                [after < 0 ? "after" : "take"] = [after < 0 ? "'after' must be 0 or more." : $"'take' must be between 1 and {MaxEventPage}."],
            });
        }

        if (await jobs.GetAsync(id, cancellationToken) is not { } job)
        {
            return NotFound(id);
        }

        var pageSize = take ?? 200;
        var events = await jobs.GetEventsAsync(id, after ?? 0, pageSize, cancellationToken);
        return Results.Ok(new JobDetail(
            job.Id, job.Kind, job.Title, job.Environment?.Name, job.State, await jobs.GetQueuePositionAsync(id, cancellationToken), job.RequestedBy,
            job.CreatedAt, job.StartedAt, job.FinishedAt, job.Attempt, job.MaxAttempts, job.Error,
            job.ResultJson is null ? null : JsonNode.Parse(job.ResultJson),
            [.. events.Select(e => new JobEventItem(e.Sequence, e.Time, e.Kind, e.Level, e.Message, e.DataJson is null ? null : JsonNode.Parse(e.DataJson)))],
            events.Count == pageSize ? events[^1].Sequence : null));
    }

    private static async Task<IResult> CancelAsync(long id, IJobControlService jobControl, CurrentActor actor, CancellationToken cancellationToken)
    {
        var outcome = await jobControl.CancelAsync(id, actor.ToActorContext(), cancellationToken);
        return outcome switch
        {
            CancelOutcome.Forbidden => Results.Problem(title: "Forbidden", detail: "Cancelling a job needs the Operator or Admin role.", statusCode: StatusCodes.Status403Forbidden),
            CancelOutcome.NotFound => NotFound(id),
            CancelOutcome.AlreadyFinished => Results.Problem(title: "Conflict", detail: $"Job {id} has already finished.", statusCode: StatusCodes.Status409Conflict),
            _ => Results.Accepted($"/api/jobs/{id}", new { jobId = id, outcome }),
        };
    }

    private static IResult NotFound(long id) =>
        Results.Problem(title: "Job not found", detail: $"There is no job {id}.", statusCode: StatusCodes.Status404NotFound);

    /// <summary>The job's full log as text, streamed from the database in batches (live views keep only the tail).</summary>
    private static async Task<IResult> DownloadLogAsync(long id, IJobQueryService jobs, HttpContext http, CancellationToken cancellationToken)
    {
        if (await jobs.GetAsync(id, cancellationToken) is null)
        {
            return Results.Problem(title: "Job not found", detail: $"There is no job {id}.", statusCode: StatusCodes.Status404NotFound);
        }

        http.Response.ContentType = "text/plain; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=job-{id}.log";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false));
        var after = 0;
        while (true)
        {
            var batch = await jobs.GetEventsAsync(id, after, LogBatchSize, cancellationToken);
            foreach (var e in batch)
            {
                await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{e.Time:yyyy-MM-dd HH:mm:ss.fff} {e.Level,-7} {e.Message}"));
            }

            if (batch.Count < LogBatchSize)
            {
                break;
            }

            after = batch[^1].Sequence;
        }

        return Results.Empty;
    }
}
