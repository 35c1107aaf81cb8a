using BreachNotify.Functions.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BreachNotify.Functions.Hosting;

/// <summary>Health probes, the one stylesheet the pages use, and an empty favicon (browsers ask for one on every page).</summary>
internal static class SiteEndpoints
{
    private const string Css = """
        body{font-family:system-ui,sans-serif;margin:0;padding:1rem;line-height:1.5;color:#111;background:#fff}
        main{max-width:40rem;margin:auto}
        dt{font-weight:600}dd{margin:0 0 .5rem 0}
        input,textarea,button{font:inherit;width:100%;max-width:30rem;padding:.5rem;box-sizing:border-box}
        button{background:#0b5394;color:#fff;border:0;border-radius:4px;cursor:pointer;width:auto;padding:.6rem 1.2rem}
        button:focus,input:focus,textarea:focus{outline:3px solid #f4b400}
        .done{background:#e6f4ea;padding:.75rem;border-radius:4px}.note{color:#555;font-size:.9rem}
        """;

    public static IEndpointRouteBuilder MapSite(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => TypedResults.Text("ok")).WithName("Health");
        routes.MapGet("/readyz", async (HttpContext http, StorageClients clients, CancellationToken cancellationToken) =>
        {
            try
            {
                await clients.Incidents.QueryAsync<Azure.Data.Tables.TableEntity>(maxPerPage: 1, cancellationToken: cancellationToken).AsPages().FirstAsync(cancellationToken);
                return Results.Text("ready");
            }
            catch (Exception e) when (e is Azure.RequestFailedException || StorageOutage.IsUnreachable(e))
            {
                return StorageOutage.Problem(http, "Storage unreachable", "the incidents table cannot be read");
            }
        }).WithName("Ready");
        routes.MapGet("/assets/site.css", () => Results.Text(Css, "text/css")).WithName("Assets").ExcludeFromDescription();
        // Without it every page view ends in a 404 in the browser's console and in the access logs.
        routes.MapGet("/favicon.ico", () => Results.NoContent()).WithName("Favicon").ExcludeFromDescription();
        return routes;
    }
}
