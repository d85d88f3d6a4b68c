using System.Text.Json.Nodes;

namespace Portal.Sandbox.Pulumi.Providers;

/// <summary>What a provider gets for one step. <see cref="Id"/> and <see cref="OldOutputs"/> are set for update, delete
/// and read; <see cref="ExplicitProvider"/> holds the inputs of the provider resource named by the <c>provider</c> option.</summary>
public sealed record SandboxResourceRequest(
    string Type,
    string Name,
    string Urn,
    string Project,
    string Stack,
    JsonObject Inputs,
    string? Id,
    JsonObject? OldOutputs,
    JsonObject? ExplicitProvider,
    SandboxProviderContext Context,
    IReadOnlyList<string>? IgnoreChanges = null);
