namespace Portal.Web.Endpoints;

/// <summary>The <c>skip</c>/<c>take</c> query parameters of every paged list endpoint, checked the same way.</summary>
public static class PagingQuery
{
    /// <summary>Adds an error for each parameter out of range (null means the endpoint's default).</summary>
    /// <param name="skip">Rows to skip: 0 or more.</param>
    /// <param name="take">Rows to return: 1 to <paramref name="maxTake"/>.</param>
    /// <param name="maxTake">The endpoint's largest page.</param>
    /// <param name="errors">Where errors are added, keyed by parameter name.</param>
    public static void Validate(int? skip, int? take, int maxTake, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (skip < 0)
        {
            errors["skip"] = ["'skip' must be 0 or more."];
        }

        if (take < 1 || take > maxTake)
        {
            errors["take"] = [$"'take' must be between 1 and {maxTake}."];
        }
    }
}
