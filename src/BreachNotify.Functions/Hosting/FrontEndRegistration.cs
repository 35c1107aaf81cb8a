using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BreachNotify.Functions.Hosting;

/// <summary>The framework's forwarded-headers middleware, trusting only the front end <see cref="FrontEndOptions"/> names.</summary>
public static class FrontEndRegistration
{
    public static IServiceCollection AddFrontEnd(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<FrontEndOptions>>((o, frontEndOptions) =>
        {
            var frontEnd = frontEndOptions.Value;
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // One hop: the entry the trusted proxy added, not what the client wrote before it.
            o.ForwardLimit = 1;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            if (frontEnd.TrustLoopback)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("127.0.0.0/8"));
                o.KnownProxies.Add(IPAddress.IPv6Loopback);
            }

            foreach (var proxy in frontEnd.KnownProxies)
            {
                o.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            // Empty lists would make the middleware trust every peer: with nobody trusted, nothing is forwarded.
            if (o.KnownProxies.Count == 0 && o.KnownIPNetworks.Count == 0)
            {
                o.ForwardedHeaders = ForwardedHeaders.None;
            }
        });
        return services;
    }
}
