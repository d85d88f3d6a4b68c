namespace Portal.Data.Audit;

public enum AuditExportFormat
{
    Csv,
    Json,
}
