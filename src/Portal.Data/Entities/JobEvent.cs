namespace Portal.Data.Entities;

/// <summary>One entry of a job's log, numbered in order per job.</summary>
public sealed class JobEvent
{
    public long Id { get; set; }

    public long JobId { get; set; }

    public int Sequence { get; set; }

    public DateTimeOffset Time { get; set; }

    public JobEventKind Kind { get; set; }

    public JobEventLevel Level { get; set; }

    public required string Message { get; set; }

    /// <summary>Structured data for Progress events, as JSON.</summary>
    public string? DataJson { get; set; }
}
