using BreachNotify.Functions.Pages;
using Microsoft.Extensions.Logging.Abstractions;

namespace BreachNotify.Functions.Tests.Infrastructure;

/// <summary>A component rendered by the app's renderer, as the hosts do.</summary>
internal static class PageRendering
{
    public static async Task<string> GetPageAsync<TComponent>(this IServiceProvider services, Dictionary<string, object?> parameters)
        where TComponent : Microsoft.AspNetCore.Components.IComponent
    {
        await using var renderer = new PageRenderer(services, NullLoggerFactory.Instance);
        return await renderer.RenderAsync(typeof(TComponent), parameters);
    }
}
