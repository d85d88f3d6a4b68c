using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Portal.Provisioning.Access;

namespace Portal.Web.Authentication;

/// <summary>Sign-in attempts per client address, API requests per token (or address): a fixed window of a minute; 429 with Retry-After.</summary>
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
                context.User.Identity?.IsAuthenticated == true ? "user:" + context.User.Identity.Name : "ip:" + context.Connection.RemoteIpAddress,
                _ => Window(Auth(context).ApiPermitsPerMinute)));
        });

    private static AuthOptions Auth(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;

    private static FixedWindowRateLimiterOptions Window(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true };
}
