using System.Text.Json;
using System.Text.Json.Nodes;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Jobs;
using Portal.Provisioning.Pulumi;
using Portal.Provisioning.Templates;

namespace Portal.Provisioning.Approvals;

/// <summary>Plans settings changes and destroys with the preview machinery every environment job uses.</summary>
public sealed class StackApprovalPlanner(IStackRunner runner, EnvironmentStackPreparer preparer) : IApprovalPlanner
{
    public bool CanPlan(string jobKind) => jobKind is EnvironmentJobKinds.Update or EnvironmentJobKinds.Destroy;

    public async Task<ApprovalPlan> PlanAsync(JobExecutionContext context, string jobKind, string payloadJson)
    {
        ArgumentNullException.ThrowIfNull(context);
        var payload = JsonSerializer.Deserialize<EnvironmentJobPayload>(payloadJson, JobJson.Options) ?? new EnvironmentJobPayload();
        var stack = await preparer.OpenAsync(context);
        var current = EnvironmentParameters.Read(stack.Environment);
        var options = new StackOperationOptions { ForceCancellation = context.ForceCancellationToken };
        StackPreviewResult preview;
        IReadOnlyDictionary<string, JsonNode?> proposed;
        if (jobKind == EnvironmentJobKinds.Destroy)
        {
            proposed = current;
            await preparer.WriteConfigAsync(stack, context, current, null, context.CancellationToken);
            await context.LogAsync($"Planning: pulumi destroy --preview-only on stack '{stack.Workspace.StackName}'.");
            preview = await runner.PreviewDestroyAsync(stack.Workspace, options, context.CancellationToken);
        }
        else
        {
            proposed = payload.Parameters is null ? current : EnvironmentParameters.Read(payload.Parameters.ToJsonString());
            try
            {
                await preparer.WriteConfigAsync(stack, context, proposed, payload.ProtectedSecrets, context.CancellationToken);
                await context.LogAsync($"Planning: pulumi preview on stack '{stack.Workspace.StackName}' with the proposed settings.");
                preview = await runner.PreviewAsync(stack.Workspace, options, context.CancellationToken);
            }
            finally
            {
                // As for a settings preview: the stored configuration goes back, whatever happened.
                await preparer.WriteConfigAsync(stack, context, current, null, CancellationToken.None);
            }
        }

        if (preview.Cancellation != CancellationOutcome.None)
        {
            throw new OperationCanceledException("The plan's preview was stopped.");
        }

        var operations = preview.Steps
            .Where(s => s.Operation != "same")
            .OrderBy(s => s.Urn, StringComparer.Ordinal)
            .Select(s => new PlannedOperation(s.Urn, s.Type, s.Operation, s.DiffKeys, s.ReplaceKeys, PlannedOperation.IsDestructive(s.Operation), s.InputsDigest))
            .ToList();
        var changes = jobKind == EnvironmentJobKinds.Destroy
            ? []
            : ParameterChanges.Compare(stack.Template, current, proposed, payload.ProtectedSecrets?.Keys ?? []);
        return new ApprovalPlan(operations, changes, Images(stack.Template, current, jobKind == EnvironmentJobKinds.Destroy ? null : proposed), preview.ChangeSummary);
    }

    /// <summary>The image of each workload whose image is a parameter, before and after (null after a destroy).</summary>
    private static List<PlannedImage> Images(EnvironmentTemplate template, IReadOnlyDictionary<string, JsonNode?> current, IReadOnlyDictionary<string, JsonNode?>? proposed)
    {
        var images = new List<PlannedImage>();
        foreach (var workload in template.Workloads.Where(w => w.ImageConfigKey is not null))
        {
            if (template.Parameters.FirstOrDefault(p => p.ConfigKey == workload.ImageConfigKey) is not { } parameter)
            {
                continue;
            }

            var before = Text(current.GetValueOrDefault(parameter.Name));
            var after = proposed is null ? null : Text(proposed.GetValueOrDefault(parameter.Name));
            if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                images.Add(new PlannedImage(workload.Name, before, after));
            }
        }

        return images;
    }

    private static string? Text(JsonNode? value) => value is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString();
}
