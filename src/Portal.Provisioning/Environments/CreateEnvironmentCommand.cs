using System.Text.Json;
using Portal.Data.Entities;

namespace Portal.Provisioning.Environments;

/// <summary>What the create form and <c>POST /api/environments</c> submit.</summary>
/// <param name="Name">The environment name (DNS-1123 label).</param>
/// <param name="Template">The template's name.</param>
/// <param name="Class">The environment class, or null when not given (an error).</param>
/// <param name="Parameters">Parameter values by name, as JSON (strict types).</param>
public sealed record CreateEnvironmentCommand(string? Name, string? Template, EnvironmentClass? Class, IReadOnlyDictionary<string, JsonElement> Parameters);
