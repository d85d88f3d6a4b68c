namespace Portal.Data.Entities;

public enum JobEventLevel
{
    Debug,
    Info,
    Warning,
    Error,
}
