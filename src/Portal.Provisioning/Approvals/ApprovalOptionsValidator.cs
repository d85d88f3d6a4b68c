using Microsoft.Extensions.Options;
using Portal.Data.Entities;
using Portal.Provisioning.Access;

namespace Portal.Provisioning.Approvals;

/// <summary>Reports every problem of the <c>Approvals</c> section at startup.</summary>
public sealed class ApprovalOptionsValidator : IValidateOptions<ApprovalOptions>
{
    public ValidateOptionsResult Validate(string? name, ApprovalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        foreach (var (className, policy) in options.Classes)
        {
            var prefix = $"Approvals:Classes:{className}";
            if (!Enum.TryParse<EnvironmentClass>(className, ignoreCase: true, out _) || int.TryParse(className, out _))
            {
                errors.Add($"{prefix}: unknown environment class; expected one of {string.Join(", ", Enum.GetNames<EnvironmentClass>().Select(n => n.ToLowerInvariant()))}.");
            }

            if (policy.RequiredApprovals is < 0 or > 10)
            {
                errors.Add($"{prefix}:RequiredApprovals must be between 0 (not protected) and 10.");
            }

            if (policy.Expiry <= TimeSpan.Zero)
            {
                errors.Add($"{prefix}:Expiry must be positive, such as 1.00:00:00 for a day.");
            }

            if (policy.EligibleRoles.Any(r => r == PortalRoles.None || (r & ~(PortalRoles.Viewer | PortalRoles.Operator | PortalRoles.Approver | PortalRoles.Admin)) != 0))
            {
                errors.Add($"{prefix}:EligibleRoles must name roles among Viewer, Operator, Approver, Admin.");
            }

            if (!policy.AllowBreakGlass && policy.RequiredApprovals == 0)
            {
                errors.Add($"{prefix}:AllowBreakGlass is false on a class that is not protected (RequiredApprovals 0): there is no approval to break; remove it or protect the class.");
            }
        }

        if (options.ExpirySweepInterval <= TimeSpan.Zero)
        {
            errors.Add("Approvals:ExpirySweepInterval must be positive.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
