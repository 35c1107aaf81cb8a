using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging;

namespace BreachNotify.Functions.Pages;

/// <summary>
/// Renders Razor components to HTML on the server (the framework's <see cref="HtmlRenderer"/>: encoding by default, no
/// circuit, no script). One renderer for the app; its dispatcher serialises renders, each of which completes at once
/// since the pages take their data as parameters.
/// </summary>
public sealed class PageRenderer(IServiceProvider services, ILoggerFactory loggers) : IAsyncDisposable
{
    private readonly HtmlRenderer _renderer = new(services, loggers);

    public Task<string> RenderAsync(Type component, IReadOnlyDictionary<string, object?> parameters) =>
        _renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await _renderer.RenderComponentAsync(component, ParameterView.FromDictionary(parameters.ToDictionary()));
            return output.ToHtmlString();
        });

    public ValueTask DisposeAsync() => _renderer.DisposeAsync();
}
