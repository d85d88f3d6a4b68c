using Portal.Provisioning.Environments;

namespace Portal.Web.State;

/// <summary>
/// Who is acting in this circuit or request, for the audit trail. Until sign-in exists (issue 6/6) everyone is the
/// anonymous local user; the API and the UI both ask this service, so sign-in changes one place.
/// </summary>
public sealed class CurrentActor
{
    public const string Anonymous = "anonymous";

    public string Name { get; set; } = Anonymous;

    public string? RemoteAddress { get; set; }

    /// <summary>The actor as the environment service records it on jobs and audit entries.</summary>
    public ActorContext ToActorContext() => new(Name, RemoteAddress);
}
