using System.Text.Json;
using Portal.Data.Entities;
using Portal.Provisioning.Jobs;

namespace Portal.Web.State;

/// <summary>Reads a job's stored result (camelCase JSON, <see cref="JobJson.Options"/>) as the type its handler wrote.</summary>
public static class JobResults
{
    /// <summary>The result, or null when the job has none or it is not of that shape.</summary>
    public static T? Read<T>(Job job)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.ResultJson is not { Length: > 0 } json)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(json, JobJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
