using System.Text.Json.Nodes;
using Portal.Sandbox.Pulumi.Providers;

namespace Portal.Sandbox.Pulumi;

/// <summary>Deletions (destroy, and resources an update no longer declares) and refresh.</summary>
internal sealed partial class DeploymentEngine
{
    private async Task DestroyAsync()
    {
        List<ResourceState> resources;
        lock (_gate)
        {
            resources = [.. _live.Resources];
        }

        resources.Reverse();
        resources.RemoveAll(r => !_request.IsTargeted(r.Urn));
        foreach (var resource in resources)
        {
            if (_failed || _graceful.IsCancellationRequested)
            {
                return;
            }

            await DeleteAsync(resource);
        }
    }

    private async Task DeleteRemovedAsync(HashSet<string> declared)
    {
        List<ResourceState> removed;
        lock (_gate)
        {
            removed = [.. _live.Resources.Where(r => r.Type != Urns.StackType && !declared.Contains(r.Urn) && _request.IsTargeted(r.Urn))];
        }

        removed.Reverse();
        foreach (var resource in removed)
        {
            if (_failed || _graceful.IsCancellationRequested)
            {
                return;
            }

            await DeleteAsync(resource);
        }
    }

    private async Task DeleteAsync(ResourceState resource)
    {
        var metadata = StepEvents.Metadata("delete", resource.Urn, resource.Type, resource, null, null, logical: true, resource.Provider ?? "");
        _request.Events.Write("resourcePreEvent", StepEvents.Payload(metadata, IsPreview));
        RecordStep("delete", resource.Urn, resource.Provider ?? "", resource, null, null, force: false);
        if (!IsPreview && resource.Custom)
        {
            try
            {
                _failures.ThrowIfListed(resource.Name, "delete");

                if (resource.Protect)
                {
                    throw new SandboxProviderException(
                        $"unable to delete resource \"{resource.Urn}\"\nas it is currently marked for protection. To unprotect the resource, remove the `protect` flag from the resource in your Pulumi program and run `pulumi up`");
                }

                SetPending(resource, "deleting", pending: true);
                Save();
                var provider = _request.Providers.Find(resource.Type)
                    ?? throw new SandboxProviderException($"resource type '{resource.Type}' is not supported by the sandbox pulumi CLI");
                await provider.DeleteAsync(DeleteRequest(resource), _terminate.Token);
                SetPending(resource, "deleting", pending: false);
            }
            catch (Exception ex) when (ex is SandboxProviderException or InvalidOperationException or System.Net.Http.HttpRequestException)
            {
                Fail("delete", resource.Urn, resource.Type, resource, resource, null, ex.Message);
                return;
            }
            catch (OperationCanceledException) when (_terminate.IsCancellationRequested)
            {
                return;
            }
        }

        if (!IsPreview)
        {
            Remove(resource.Urn);
            Save();
        }

        _request.Events.Write("resOutputsEvent", StepEvents.Payload(metadata, IsPreview));
        Count("delete");
    }

    private async Task RefreshAsync()
    {
        List<ResourceState> resources;
        lock (_gate)
        {
            resources = [.. _live.Resources];
        }

        foreach (var resource in resources)
        {
            if (_graceful.IsCancellationRequested)
            {
                return;
            }

            if (!_request.IsTargeted(resource.Urn))
            {
                continue;
            }

            // As the engine reports a refresh: the step starts as op "refresh" (RefreshStep.Logical() is false, so no
            // "logical"); its outputs event carries the result op (RefreshStep.ResultOp): same, update or, for a resource
            // the provider no longer finds (deleted outside Pulumi), delete with "new": null.
            var pre = StepEvents.Metadata("refresh", resource.Urn, resource.Type, resource, resource, null, logical: false, resource.Provider ?? "");
            _request.Events.Write("resourcePreEvent", StepEvents.Payload(pre, IsPreview));
            var refreshed = resource.Clone();
            var outcome = "same";
            StepDiff? drift = null;
            if (resource.Custom && _request.Providers.Find(resource.Type) is { } provider)
            {
                try
                {
                    var result = await provider.ReadAsync(DeleteRequest(resource), _terminate.Token);
                    if (result is not null && _drifted.Contains(resource.Name))
                    {
                        // Simulated out-of-band change (config sandbox:driftResources): someone edited the tags.
                        var tags = result.Outputs["tags"] as JsonObject ?? [];
                        tags["changed-out-of-band"] = "true";
                        result.Outputs["tags"] = tags.Parent is null ? tags : tags.DeepClone();
                    }

                    if (result is null)
                    {
                        outcome = "delete";
                        Remove(resource.Urn);
                    }
                    else if (!JsonNode.DeepEquals(SecretValues.Reveal(resource.Outputs), result.Outputs))
                    {
                        outcome = "update";

                        // The output properties that changed outside Pulumi, as the engine reports a refresh's diff.
                        drift = StepDiff.Compute((JsonObject)SecretValues.Reveal(resource.Outputs)!, result.Outputs, new HashSet<string>());
                        refreshed.Outputs = MarkSecrets(resource.Inputs, result.Outputs);
                        Upsert(refreshed);
                    }
                }
                catch (Exception ex) when (ex is SandboxProviderException or InvalidOperationException or System.Net.Http.HttpRequestException)
                {
                    Fail("refresh", resource.Urn, resource.Type, resource, resource, null, ex.Message);
                    continue;
                }
                catch (OperationCanceledException) when (_terminate.IsCancellationRequested)
                {
                    return;
                }
            }

            Save();
            var done = StepEvents.Metadata(outcome, resource.Urn, resource.Type, resource, outcome == "delete" ? null : refreshed, drift, logical: false, resource.Provider ?? "");
            _request.Events.Write("resOutputsEvent", StepEvents.Payload(done, IsPreview));
            Count(outcome);
        }
    }

    private SandboxResourceRequest DeleteRequest(ResourceState resource)
    {
        var providerName = _request.Program.Resources.FirstOrDefault(r => r.Name == resource.Name && r.Type == resource.Type)?.ProviderName;
        var explicitProvider = providerName is null
            ? null
            : _live.Resources.FirstOrDefault(r => r.Name == providerName) is { } p ? SecretValues.Reveal(p.Inputs) as JsonObject : null;
        return new SandboxResourceRequest(
            resource.Type,
            resource.Name,
            resource.Urn,
            _request.Project.Name,
            _request.Stack,
            (JsonObject)SecretValues.Reveal(resource.Inputs)!,
            resource.Id,
            (JsonObject?)SecretValues.Reveal(resource.Outputs),
            explicitProvider,
            _request.ProviderContext);
    }
}
