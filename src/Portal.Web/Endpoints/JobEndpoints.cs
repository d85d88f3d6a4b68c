using System.Globalization;
using System.Text;
using Portal.Data.Queries;

namespace Portal.Web.Endpoints;

public static class JobEndpoints
{
    private const int LogBatchSize = 1_000;

    public static RouteGroupBuilder MapJobEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/jobs/{id:long}/log", DownloadLogAsync);
        return api;
    }

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
