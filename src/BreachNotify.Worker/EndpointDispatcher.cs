using BreachNotify.Functions.Hosting;
using Microsoft.AspNetCore.Http;

namespace BreachNotify.Worker;

/// <summary>
/// Hands an HTTP function's request to the app's own middleware and endpoints, so each function stays one line and the
/// handlers, authentication, antiforgery, rate limits, security headers and problem details are the standalone host's.
/// </summary>
public sealed class EndpointDispatcher(IServiceProvider services)
{
    private readonly RequestDelegate _pipeline = BreachNotifyApp.BuildPipeline(services);

    public async Task<IResult> DispatchAsync(HttpRequest request)
    {
        var context = request.HttpContext;
        // The worker's routing chose the function; the app's routing must choose the endpoint (it skips a request that has one).
        context.SetEndpoint(null);
        context.Request.RouteValues.Clear();
        await _pipeline(context);
        // The endpoint wrote the response itself.
        return Results.Empty;
    }
}
