using BreachNotify.Functions.CommanderConsole;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace BreachNotify.Functions.OtherNotices;

/// <summary>The console's pages of the other notices, mapped on the console group (its sign-in) (read only: decisions go through the API).</summary>
public static class MatterConsoleEndpoints
{
    public static IEndpointRouteBuilder MapMatterConsole(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/console/matters", ListAsync).ExcludeFromDescription().WithName("ConsoleMatterList");
        routes.MapGet("/console/matters/{id}", MatterAsync).ExcludeFromDescription().WithName("ConsoleMatter");
        return routes;
    }

    internal static async Task<IResult> ListAsync(HttpContext http, string? customer, string? kind, MatterStore store, CancellationToken cancellationToken) =>
        Html(200, MatterPages.List(ConsoleEndpoints.Page(http), await store.ListAsync(MatterEndpoints.MaxListed, cancellationToken), customer, kind));

    internal static async Task<IResult> MatterAsync(HttpContext http, string id, MatterStore store, Storage.NoticeStore notices, CancellationToken cancellationToken)
    {
        var page = ConsoleEndpoints.Page(http);
        if (!MatterId.IsWellFormed(id) || await store.LoadAsync(id, cancellationToken) is not { State.Matter: not null } stored)
        {
            return Html(404, ConsolePages.Problem(page, "No such matter", "There is no matter with that id."));
        }

        return Html(200, MatterPages.Matter(page, MatterView.Of(stored.State, await store.HistoryAsync(id, cancellationToken), await notices.AllAsync(id, cancellationToken))));
    }

    private static IResult Html(int status, string html) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);
}
