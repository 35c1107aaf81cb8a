using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BreachNotify.Functions.Hosting;

/// <summary>Health probes (the framework's health checks, answered in the contract's shape), the one stylesheet the pages use, and an empty favicon (browsers ask for one on every page).</summary>
internal static class SiteEndpoints
{
    private const string Css = """
        body{font-family:system-ui,sans-serif;margin:0;padding:1rem;line-height:1.5;color:#111;background:#fff}
        main{max-width:40rem;margin:auto}
        dt{font-weight:600}dd{margin:0 0 .5rem 0}
        input,textarea,button{font:inherit;width:100%;max-width:30rem;padding:.5rem;box-sizing:border-box}
        input[type=checkbox],input[type=radio]{width:auto;padding:0;margin:0 .4rem 0 0}
        button{background:#0b5394;color:#fff;border:0;border-radius:4px;cursor:pointer;width:auto;padding:.6rem 1.2rem}
        button:focus,input:focus,textarea:focus{outline:3px solid #f4b400}
        .done{background:#e6f4ea;padding:.75rem;border-radius:4px}.note{color:#555;font-size:.9rem}
        """;

    public static IEndpointRouteBuilder MapSite(this IEndpointRouteBuilder routes)
    {
        // Liveness runs no check: a process that answers is alive, whatever storage does.
        routes.MapGet("/healthz", async (HealthCheckService health, CancellationToken cancellationToken) =>
            (await health.CheckHealthAsync(_ => false, cancellationToken)).Status == HealthStatus.Healthy
                ? Results.Text("ok")
                : Results.StatusCode(StatusCodes.Status503ServiceUnavailable)).WithName("Health");
        routes.MapGet("/readyz", async (HttpContext http, HealthCheckService health, CancellationToken cancellationToken) =>
            (await health.CheckHealthAsync(c => c.Tags.Contains(StorageHealthCheck.ReadyTag), cancellationToken)).Status == HealthStatus.Healthy
                ? Results.Text("ready")
                : StorageOutage.Problem(http, "Storage unreachable", "the incidents table or the workflow queue cannot be reached")).WithName("Ready");
        routes.MapGet("/assets/site.css", () => Results.Text(Css, "text/css")).WithName("Assets").ExcludeFromDescription();
        // Without it every page view ends in a 404 in the browser's console and in the access logs.
        routes.MapGet("/favicon.ico", () => Results.NoContent()).WithName("Favicon").ExcludeFromDescription();
        return routes;
    }
}
