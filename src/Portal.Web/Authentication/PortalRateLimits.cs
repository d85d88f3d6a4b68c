using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Portal.Provisioning.Access;

namespace Portal.Web.Authentication;

/// <summary>
/// Sign-in attempts per client address, API requests per presented token (or address): a fixed window of a minute; 429
/// with Retry-After. The limiter runs before authentication, so wrong passwords and unknown tokens are limited too.
/// </summary>
public static class PortalRateLimits
{
    public const string SignIn = "signin";

    public const string Api = "api";

    public static IServiceCollection AddPortalRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync("Too many requests; wait a little and try again.", cancellationToken);
            };
            options.AddPolicy(SignIn, context => RateLimitPartition.GetFixedWindowLimiter(
                "ip:" + context.Connection.RemoteIpAddress,
                _ => Window(Auth(context).SignInPermitsPerMinute)));
            options.AddPolicy(Api, context => RateLimitPartition.GetFixedWindowLimiter(
                ApiPartition(context),
                _ => Window(Auth(context).ApiPermitsPerMinute)));
        });

    /// <summary>
    /// The limiter runs before authentication, so an API request is counted by the bearer token it presents (by its hash,
    /// valid or not) or, without one, by the client address.
    /// </summary>
    public static string ApiPartition(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string? header = context.Request.Headers.Authorization;
        return header is { Length: > 7 } && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? "token:" + ApiTokenService.Hash(header[7..].Trim())
            : "ip:" + context.Connection.RemoteIpAddress;
    }

    private static AuthOptions Auth(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;

    private static FixedWindowRateLimiterOptions Window(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true };
}
