using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BreachNotify.Functions.Hosting;

public static class AuthFailureLimiterRegistration
{
    public static IServiceCollection AddAuthFailureLimit(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ClientLimitOptions>(configuration.GetSection("ClientLimits"));
        services.AddSingleton<AuthFailureLimiter>();
        return services;
    }

    /// <summary>Limits failed authentication on this endpoint per client (see <see cref="AuthFailureLimiter"/>).</summary>
    public static TBuilder LimitAuthFailures<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(AuthFailureLimiter.FilterAsync);
        return builder;
    }
}
