using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace BreachNotify.Functions.Pages;

/// <summary>
/// A Razor component to be rendered as the whole response (static server rendering through <see cref="PageRenderer"/>,
/// which works the same under both hosts), with its status.
/// </summary>
public sealed class HtmlPage : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    private readonly Type _component;
    private readonly Dictionary<string, object?> _parameters;

    private HtmlPage(Type component, Dictionary<string, object?> parameters, int status)
    {
        _component = component;
        _parameters = parameters;
        StatusCode = status;
    }

    public int? StatusCode { get; }

    public string ContentType => "text/html; charset=utf-8";

    public static HtmlPage Of<TComponent>(int status, Dictionary<string, object?> parameters)
        where TComponent : IComponent => new(typeof(TComponent), parameters, status);

    /// <summary>The same page with another status (the link pages decide the status after the page).</summary>
    public HtmlPage WithStatus(int status) => new(_component, _parameters, status);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var html = await httpContext.RequestServices.GetRequiredService<PageRenderer>().RenderAsync(_component, _parameters);
        httpContext.Response.StatusCode = StatusCode ?? StatusCodes.Status200OK;
        httpContext.Response.ContentType = ContentType;
        await httpContext.Response.WriteAsync(html, httpContext.RequestAborted);
    }

    /// <summary>The page as text (tests, and a page inside another answer).</summary>
    public Task<string> RenderAsync(IServiceProvider services) => services.GetRequiredService<PageRenderer>().RenderAsync(_component, _parameters);
}
