using Microsoft.Extensions.Logging;

namespace Portal.Provisioning.Templates;

/// <summary>Source-generated log messages of the template catalog. Event ids 4200-4299.</summary>
internal static partial class TemplateLog
{
    [LoggerMessage(EventId = 4200, Level = LogLevel.Information, Message = "Loaded {Count} template(s) from {Directory}: {Names}")]
    public static partial void TemplatesLoaded(ILogger logger, int count, string directory, string names);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Error, Message = "Template {Template} was left out: {Problem}")]
    public static partial void TemplateProblem(ILogger logger, string template, TemplateProblem problem);
}
