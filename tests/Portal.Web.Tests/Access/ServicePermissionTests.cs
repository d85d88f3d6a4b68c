using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data.Entities;
using Portal.Provisioning.Access;
using Portal.Provisioning.Approvals;
using Portal.Provisioning.Environments;
using Portal.Provisioning.Jobs;
using Portal.Provisioning.Releases;

namespace Portal.Web.Tests.Access;

/// <summary>
/// Every method of the environment and release services, the job cancel, the self-test and break-glass, called as each role on a development and
/// a production environment: allowed (anything but Forbidden) or denied (Forbidden, and a denied audit entry). The
/// expectations are written out here, not derived from <see cref="PortalPermissions"/>, so a change of the matrix fails.
/// </summary>
public sealed class ServicePermissionTests(ServicePermissionTests.Portal portal) : IClassFixture<ServicePermissionTests.Portal>
{
    private const string V = "Viewer", O = "Operator", Ap = "Approver", Ad = "Admin";

    public static TheoryData<string, string, EnvironmentClass, string> Cases()
    {
        // operation → (who may on development, who may on production)
        var table = new (string Operation, string[] Development, string[] Production)[]
        {
            ("create", [O, Ad], [Ad]),
            ("preview", [O, Ad], [O, Ad]),
            ("update", [O, Ad], [O, Ad]),
            ("apply", [O, Ad], [O, Ad]),
            ("drift", [O, Ad], [O, Ad]),
            ("destroy", [O, Ad], [Ad]),
            ("retry", [O, Ad], [O, Ad]),
            ("unlock", [O, Ad], [Ad]),
            ("clear-pending", [O, Ad], [Ad]),
            ("reveal", [Ad], [Ad]),
            ("cancel-job", [O, Ad], [O, Ad]),
            ("self-test", [Ad], [Ad]),
            ("release-preview", [O, Ad], [O, Ad]),
            ("release", [O, Ad], [O, Ad]),
            ("rollback", [O, Ad], [O, Ad]),
            ("restart", [O, Ad], [O, Ad]),
            ("break-glass", [Ad], [Ad]),
        };
        var data = new TheoryData<string, string, EnvironmentClass, string>();
        foreach (var (operation, development, production) in table)
        {
            foreach (var role in new[] { V, O, Ap, Ad })
            {
                data.Add(role, operation, EnvironmentClass.Development, development.Contains(role) ? "allow" : "deny");
                data.Add(role, operation, EnvironmentClass.Production, production.Contains(role) ? "allow" : "deny");
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EveryServiceMethod_AsEachRole_IsAllowedOrDeniedByTheMatrix(string role, string operation, EnvironmentClass environmentClass, string expected)
    {
        var roles = Enum.Parse<PortalRoles>(role);
        var actor = AccessTestData.Actor(roles);
        var name = $"{(environmentClass == EnvironmentClass.Production ? "prod" : "dev")}-{role.ToLowerInvariant()}-{operation}";
        await portal.Factory.InsertEnvironmentAsync(name, environmentClass);
        var environments = portal.Factory.Services.GetRequiredService<IEnvironmentService>();
        var jobControl = portal.Factory.Services.GetRequiredService<IJobControlService>();
        var releases = portal.Factory.Services.GetRequiredService<IReleaseService>();
        var approvals = portal.Factory.Services.GetRequiredService<IApprovalService>();
        var bad = new Dictionary<string, JsonElement> { ["noSuchParameter"] = JsonDocument.Parse("1").RootElement };

        bool forbidden;
        switch (operation)
        {
            case "create":
                // A name that fails validation: an allowed caller gets Invalid, nothing is provisioned.
                forbidden = (await environments.CreateAsync(new CreateEnvironmentCommand("Bad_Name", "eks-environment", environmentClass, bad), actor)).Status == EnvironmentCommandStatus.Forbidden;
                break;
            case "preview":
                forbidden = (await environments.PreviewChangesAsync(name, bad, actor)).Status == EnvironmentCommandStatus.Forbidden;
                break;
            case "update":
                forbidden = (await environments.UpdateAsync(name, bad, actor)).Status == EnvironmentCommandStatus.Forbidden;
                break;
            case "apply":
                forbidden = (await environments.ApplyPreviewAsync(name, 999_999, actor)).Status == EnvironmentCommandStatus.Forbidden;
                break;
            case "drift":
                forbidden = (await environments.CheckDriftAsync(name, actor)).Status == EnvironmentCommandStatus.Forbidden;
                break;
            case "destroy":
                forbidden = (await environments.DestroyAsync(name, actor)).Status == EnvironmentCommandStatus.Forbidden;
                break;
            case "retry":
                forbidden = (await environments.RetryAsync(name, 999_999, actor)).Status == EnvironmentCommandStatus.Forbidden;
                break;
            case "unlock":
                forbidden = (await environments.UnlockStackAsync(name, actor)).Status == EnvironmentCommandStatus.Forbidden;
                break;
            case "clear-pending":
                forbidden = (await environments.ClearPendingOperationsAsync(name, actor)).Status == EnvironmentCommandStatus.Forbidden;
                break;
            case "reveal":
                forbidden = (await environments.RevealOutputAsync(name, "kubeconfig", actor)).Forbidden;
                break;
            case "cancel-job":
                forbidden = await jobControl.CancelAsync(999_999, actor) == CancelOutcome.Forbidden;
                break;
            case "self-test":
                forbidden = (await jobControl.RunSelfTestAsync(actor)).Status == EnvironmentCommandStatus.Forbidden;
                break;
            case "release-preview":
                forbidden = (await releases.PreviewAsync(new ReleaseCommand(name, "web", "nginx:1.29"), actor)).Command.Status == EnvironmentCommandStatus.Forbidden;
                break;
            case "release":
                forbidden = (await releases.ReleaseAsync(new ReleaseCommand(name, "web", "nginx:1.29"), actor)).Status == EnvironmentCommandStatus.Forbidden;
                break;
            case "rollback":
                forbidden = (await releases.RollbackAsync(name, "web", null, actor)).Status == EnvironmentCommandStatus.Forbidden;
                break;
            case "restart":
                forbidden = (await releases.RestartAsync(name, "web", actor)).Status == EnvironmentCommandStatus.Forbidden;
                break;
            case "break-glass":
                // A rejected request on the environment: an allowed caller gets Conflict, nothing is approved.
                var request = await portal.Factory.InsertApprovalRequestAsync(name, ApprovalStatus.Rejected);
                forbidden = (await approvals.BreakGlassAsync(request, "The approver is unreachable during incident 42.", actor)).Status == ApprovalDecisionStatus.Forbidden;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, null);
        }

        Assert.Equal(expected == "deny", forbidden);
        var denials = (await portal.Factory.AuditAsync(AuditActionOf(operation)))
            .Where(a => a.Outcome == "denied" && a.Actor == actor.Name && (a.EnvironmentName == name || a.EnvironmentName is null || operation == "create"))
            .ToList();
        if (expected == "deny")
        {
            Assert.NotEmpty(denials);
            Assert.All(denials, a => Assert.Equal("10.1.2.3", a.RemoteAddress));
        }
    }

    private static string AuditActionOf(string operation) => operation switch
    {
        "drift" => "environment.drift-check",
        "apply" => "environment.update",
        "reveal" => "environment.output.reveal",
        "cancel-job" => "job.cancel",
        "self-test" => "system.self-test",
        "release-preview" => "release.preview",
        "release" => "release.create",
        "rollback" => "release.rollback",
        "restart" => "release.restart",
        "break-glass" => "approval.break-glass",
        _ => $"environment.{operation}",
    };

    /// <summary>One portal for the whole table.</summary>
    public sealed class Portal : IAsyncLifetime
    {
        public PortalWebFactory Factory { get; } = new(new Dictionary<string, string?> { ["Sandbox:Speed"] = "50" });

        public Task InitializeAsync()
        {
            Factory.CreateClient().Dispose();
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }
}
