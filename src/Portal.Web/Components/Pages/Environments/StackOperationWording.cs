using Portal.Provisioning.Environments;
using Radzen;

namespace Portal.Web.Components.Pages.Environments;

/// <summary>
/// How an engine step's operation reads to a person. In a drift check (a refresh preview) the engine's ops describe the
/// cloud, not the portal's doing: "delete" means the resource is gone from the cloud, so it must not read as "deleted"
/// in red as if the check had removed it.
/// </summary>
public static class StackOperationWording
{
    /// <summary>The count badge's text: "3 created", or in a drift check "1 deleted outside Pulumi".</summary>
    /// <param name="operation">The engine's op.</param>
    /// <param name="count">How many resources had it.</param>
    /// <param name="drift">Whether the job is a drift check.</param>
    public static string Count(string operation, int count, bool drift) => $"{count} {(drift ? DriftLabel(operation) : Past(operation))}";

    /// <summary>The op cell of a resource row: the op itself, or in a drift check what it means.</summary>
    /// <param name="operation">The engine's op.</param>
    /// <param name="drift">Whether the job is a drift check.</param>
    public static string Row(string operation, bool drift) => drift ? DriftLabel(operation) : operation;

    /// <summary>The CSS class of the op cell: a drift is a warning, never the red of a destructive step.</summary>
    /// <param name="operation">The engine's op.</param>
    /// <param name="drift">Whether the job is a drift check.</param>
    public static string CssClass(string operation, bool drift) =>
        drift ? operation is "same" or "read" or "refresh" ? "op" : "op op-drift" : $"op op-{operation}";

    /// <summary>The count badge's style.</summary>
    /// <param name="operation">The engine's op.</param>
    /// <param name="drift">Whether the job is a drift check.</param>
    public static BadgeStyle Style(string operation, bool drift) => (operation, drift) switch
    {
        ("same" or "read" or "refresh", _) => BadgeStyle.Dark,
        (_, true) => BadgeStyle.Warning,
        ("create", _) => BadgeStyle.Success,
        ("update", _) => BadgeStyle.Info,
        ("delete" or "replace" or "create-replacement" or "delete-replaced", _) => BadgeStyle.Danger,
        _ => BadgeStyle.Dark,
    };

    private static string Past(string operation) => operation switch
    {
        "create" => "created",
        "update" => "updated",
        "delete" => "deleted",
        "replace" => "replaced",
        "same" => "unchanged",
        "refresh" => "refreshed",
        "read" => "read",
        _ => operation,
    };

    private static string DriftLabel(string operation) => operation switch
    {
        "delete" => DeletedResource.Description,
        "update" => "changed outside Pulumi",
        "same" or "read" or "refresh" => "in sync",
        _ => operation,
    };
}
