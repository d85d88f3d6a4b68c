namespace Portal.Data.Entities;

public enum JobEventKind
{
    /// <summary>A line of output.</summary>
    Log,

    /// <summary>Structured progress (a resource's operation and state, counts); Data holds the JSON.</summary>
    Progress,

    /// <summary>The job changed state.</summary>
    State,
}
