using System.Text.Json.Nodes;
using Portal.Sandbox.Pulumi.Providers;

namespace Portal.Sandbox.Pulumi;

/// <summary>preview and up: the program's resources, then deletions of what the program no longer declares, then the stack outputs.</summary>
internal sealed partial class DeploymentEngine
{
    private async Task<JsonObject?> UpdateAsync()
    {
        var program = _request.Program;
        var stackOld = _old.GetValueOrDefault(StackUrn);
        var stackNew = new ResourceState { Urn = StackUrn, Type = Urns.StackType, Outputs = stackOld?.Outputs ?? [] };
        var stackOp = stackOld is null ? "create" : "same";
        var stackPre = StepEvents.Metadata(stackOp, StackUrn, Urns.StackType, stackOld, stackNew, null, logical: true, provider: "");
        _request.Events.Write("resourcePreEvent", StepEvents.Payload(stackPre, IsPreview));
        if (stackOld is null)
        {
            Upsert(stackNew);
            Save();
        }

        var tasks = new Dictionary<string, Task<ResourceState?>>(StringComparer.Ordinal);
        foreach (var resource in program.Resources)
        {
            tasks[resource.Name] = RunResourceAsync(resource, [.. resource.Dependencies.Select(d => tasks[d])]);
        }

        await Task.WhenAll(tasks.Values);
        if (!_failed && !_graceful.IsCancellationRequested)
        {
            await DeleteRemovedAsync([.. program.Resources.Select(r => Urns.Create(_request.Stack, _request.Project.Name, r.Type, r.Name))]);
        }

        Count(stackOp);
        if (_failed || _graceful.IsCancellationRequested)
        {
            RecordStep(stackOp, StackUrn, "", stackOld, stackNew, null, force: true);
            return null;
        }

        var evaluator = new ExpressionEvaluator(ResolveRoot, allowUnknown: IsPreview);
        var outputs = new JsonObject();
        foreach (var (name, template) in program.Outputs)
        {
            outputs[name] = evaluator.Evaluate(template);
        }

        stackNew.Outputs = outputs;
        RecordStep(stackOp, StackUrn, "", stackOld, stackNew, null, force: true);
        Upsert(stackNew);
        Save();
        var stackDone = StepEvents.Metadata(stackOp, StackUrn, Urns.StackType, stackOld, stackNew, null, logical: true, provider: "");
        _request.Events.Write("resOutputsEvent", StepEvents.Payload(stackDone, IsPreview));
        return outputs;
    }

    private async Task<ResourceState?> RunResourceAsync(ProgramResource resource, Task<ResourceState?>[] dependencies)
    {
        await Task.Yield();
        var resolved = await Task.WhenAll(dependencies);
        if (resolved.Any(d => d is null) || _failed || _graceful.IsCancellationRequested)
        {
            return null;
        }

        var urn = Urns.Create(_request.Stack, _request.Project.Name, resource.Type, resource.Name);
        var provider = _request.Providers.Find(resource.Type);
        var old = _old.GetValueOrDefault(urn);
        if (!_request.IsTargeted(urn))
        {
            // Not targeted: keep what the state has (a resource never created stays absent, and so do its dependents).
            if (old is not null)
            {
                _done[resource.Name] = old;
                Count("same");
            }

            return old;
        }

        var state = new ResourceState
        {
            Urn = urn,
            Type = resource.Type,
            Custom = true,
            Parent = StackUrn,
            Dependencies = [.. resolved.Select(d => d!.Urn)],
            Provider = Urns.DefaultProvider(_request.Stack, _request.Project.Name, resource.Type),
            Protect = resource.Protect,
        };
        StepDiff? diff = null;
        var op = "create";
        try
        {
            state.Inputs = new ExpressionEvaluator(ResolveRoot, IsPreview).Evaluate(resource.Properties ?? new JsonObject()) as JsonObject
                ?? throw new CliException($"resource '{resource.Name}': properties must be an object");
            if (provider is null)
            {
                throw new SandboxProviderException(
                    $"resource type '{resource.Type}' is not supported by the sandbox pulumi CLI (supported: {string.Join(", ", _request.Providers.Describe())})");
            }

            if (old is not null)
            {
                // ignoreChanges: the old inputs stand at those paths, so they never show as a diff.
                foreach (var path in resource.IgnoreChanges ?? [])
                {
                    PropertyPath.CopyFrom(old.Inputs, state.Inputs, path);
                }

                diff = StepDiff.Compute(old.Inputs, state.Inputs, provider.ReplaceProperties(resource.Type));
                op = diff.Operation;

                // As the real step generator does: a resource that failed to initialize is updated again even without a diff.
                if (op == "same" && old.InitErrors.Count > 0)
                {
                    op = "update";
                }
            }

            var request = Request(resource, state, old);
            return await ApplyAsync(resource, provider, request, op, old, state, diff);
        }
        catch (SandboxPartialFailureException ex)
        {
            FailPartially(op, old, state, diff, ex);
            return null;
        }
        catch (Exception ex) when (ex is SandboxProviderException or CliException or InvalidOperationException or System.Net.Http.HttpRequestException)
        {
            Fail(op, urn, resource.Type, old, state, diff, ex.Message);
            return null;
        }
        catch (OperationCanceledException) when (_terminate.IsCancellationRequested)
        {
            // Terminated by a second signal: the pending operation stays in the checkpoint.
            return null;
        }
    }

    private async Task<ResourceState?> ApplyAsync(
        ProgramResource resource, ISandboxResourceProvider provider, SandboxResourceRequest request, string op, ResourceState? old, ResourceState state, StepDiff? diff)
    {
        var stepOp = op == "replace" ? "create-replacement" : op;
        _request.Events.Write("resourcePreEvent", StepEvents.Payload(
            StepEvents.Metadata(stepOp, state.Urn, state.Type, old, state, diff, logical: op != "replace", state.Provider!), IsPreview));
        RecordStep(op, state.Urn, state.Provider!, old, state, diff, force: false);

        if (op == "same")
        {
            state.Id = old!.Id;
            state.Outputs = (JsonObject)old.Outputs.DeepClone();
            if (old.Protect != state.Protect && !IsPreview)
            {
                Upsert(state);
                Save();
            }
        }
        else if (IsPreview)
        {
            state.Id = old?.Id ?? "";
            state.Outputs = MarkSecrets(state.Inputs, provider.PreviewOutputs(request));
        }
        else
        {
            if (_failures.IsListed(resource.Name, op))
            {
                // A second of "work" first, so a failing resource looks like one in a live view.
                await request.Context.DelayAsync(TimeSpan.FromSeconds(1), _terminate.Token);
                _failures.ThrowIfListed(resource.Name, op);
            }

            SetPending(state, op == "update" ? "updating" : "creating", pending: true);
            Save();
            var result = op == "update"
                ? await provider.UpdateAsync(request, _terminate.Token)
                : await provider.CreateAsync(request with { Id = null, OldOutputs = null }, _terminate.Token);
            state.Id = result.Id;
            state.Outputs = MarkSecrets(state.Inputs, result.Outputs);
            SetPending(state, op == "update" ? "updating" : "creating", pending: false);
            Upsert(state);
            Save();
        }

        _request.Events.Write("resOutputsEvent", StepEvents.Payload(
            StepEvents.Metadata(stepOp, state.Urn, state.Type, old, state, diff, logical: op != "replace", state.Provider!), IsPreview));
        if (op == "replace")
        {
            await CompleteReplacementAsync(provider, request, old!, state, diff);
        }

        Count(op);
        _done[resource.Name] = state;
        return state;
    }

    private async Task CompleteReplacementAsync(ISandboxResourceProvider provider, SandboxResourceRequest request, ResourceState old, ResourceState state, StepDiff? diff)
    {
        var replace = StepEvents.Metadata("replace", state.Urn, state.Type, old, state, diff, logical: true, state.Provider!);
        _request.Events.Write("resourcePreEvent", StepEvents.Payload(replace, IsPreview));
        _request.Events.Write("resOutputsEvent", StepEvents.Payload(replace, IsPreview));
        var deleted = StepEvents.Metadata("delete-replaced", state.Urn, state.Type, old, null, diff, logical: false, state.Provider!);
        _request.Events.Write("resourcePreEvent", StepEvents.Payload(deleted, IsPreview));
        if (!IsPreview)
        {
            SetPending(old, "deleting", pending: true);
            Save();
            await provider.DeleteAsync(request with { Id = old.Id, OldOutputs = (JsonObject?)SecretValues.Reveal(old.Outputs) }, _terminate.Token);
            SetPending(old, "deleting", pending: false);
            Save();
        }

        _request.Events.Write("resOutputsEvent", StepEvents.Payload(deleted, IsPreview));
    }

    private void Fail(string op, string urn, string type, ResourceState? old, ResourceState state, StepDiff? diff, string message)
    {
        _failed = true;
        Diagnostic("error", $"<{{%reset%}}>{message}<{{%reset%}}>\n", urn);
        var metadata = StepEvents.Metadata(op, urn, type, old, state, diff, logical: true, state.Provider ?? "");
        _request.Events.Write("resOpFailedEvent", new JsonObject { ["metadata"] = metadata, ["status"] = 0, ["steps"] = 0 });
        lock (_gate)
        {
            // A failed create leaves nothing behind; the pending marker is dropped as the real engine does on a clean failure.
            _live.PendingOperations.RemoveAll(p => p.Resource.Urn == urn);
        }

        Save();
    }

    /// <summary>
    /// The resource exists but did not become ready: its new inputs and live outputs are kept with the reason in
    /// <c>initErrors</c> (<c>resOpFailedEvent</c> status 1, partial failure), as the engine does for pulumi-kubernetes.
    /// </summary>
    private void FailPartially(string op, ResourceState? old, ResourceState state, StepDiff? diff, SandboxPartialFailureException error)
    {
        _failed = true;
        state.Id = error.Id;
        state.Outputs = MarkSecrets(state.Inputs, error.Outputs);
        state.InitErrors = [error.Message];
        Diagnostic("error", $"<{{%reset%}}>{error.Message}<{{%reset%}}>\n", state.Urn);
        var metadata = StepEvents.Metadata(op, state.Urn, state.Type, old, state, diff, logical: true, state.Provider ?? "");
        _request.Events.Write("resOpFailedEvent", new JsonObject { ["metadata"] = metadata, ["status"] = 1, ["steps"] = 0 });
        lock (_gate)
        {
            _live.PendingOperations.RemoveAll(p => p.Resource.Urn == state.Urn);
        }

        Upsert(state);
        Save();
    }

    private SandboxResourceRequest Request(ProgramResource resource, ResourceState state, ResourceState? old)
    {
        var explicitProvider = resource.ProviderName is { } name && _done.TryGetValue(name, out var providerState)
            ? SecretValues.Reveal(providerState.Inputs) as JsonObject
            : null;
        return new SandboxResourceRequest(
            resource.Type,
            resource.Name,
            state.Urn,
            _request.Project.Name,
            _request.Stack,
            (JsonObject)SecretValues.Reveal(state.Inputs)!,
            old?.Id,
            old is null ? null : (JsonObject?)SecretValues.Reveal(old.Outputs),
            explicitProvider,
            _request.ProviderContext,
            old is null ? null : resource.IgnoreChanges);
    }

    /// <summary>Outputs computed from secret inputs stay secret.</summary>
    private static JsonObject MarkSecrets(JsonObject inputs, JsonObject outputs)
    {
        var marked = new JsonObject();
        foreach (var (key, value) in outputs)
        {
            var secret = inputs.TryGetPropertyValue(key, out var input) && SecretValues.ContainsSecret(input);
            marked[key] = secret ? SecretValues.Wrap(value) : value?.DeepClone();
        }

        return marked;
    }
}
