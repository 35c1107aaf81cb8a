using System.Net;
using System.Text;
using BreachNotify.Worker.Tests.HostProtocol;

namespace BreachNotify.Worker.Tests.Infrastructure;

/// <summary>
/// The host's HTTP front: chooses the function by method and route (404 when none), sends its invocation, and forwards
/// the request itself to the worker's web server with the invocation id; a failed invocation answers 500, as the host does.
/// </summary>
public sealed class FunctionsHttpHandler(FunctionsTestHost host)
    : DelegatingHandler(new SocketsHttpHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var original = request.RequestUri!;
        if (host.Route(request.Method.Method, original.AbsolutePath) is not { } function)
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request };
        }

        var invocationId = Guid.NewGuid().ToString();
        var rpcHttp = new RpcHttp { Method = request.Method.Method, Url = original.ToString() };
        // One host activity per request: in the invocation's trace context and on the request it forwards to the worker.
        var traceParent = FunctionsTestHost.NewTraceParent();
        var invocation = host.InvokeAsync(
            function, [new ParameterBinding { Name = function.TriggerName, Data = new TypedData { Http = rpcHttp } }], invocationId: invocationId, traceParent: traceParent);

        request.RequestUri = new Uri(host.HttpUri, original.PathAndQuery);
        request.Headers.Add(FunctionsTestHost.InvocationIdHeader, invocationId);
        request.Headers.Remove("traceparent");
        request.Headers.Add("traceparent", traceParent);
        var response = await base.SendAsync(request, cancellationToken);
        // The function finishes only when its body is written: read it all before waiting for the invocation's answer.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        InvocationResponse result;
        try
        {
            result = await invocation;
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{function.Name} ({request.Method} {original.PathAndQuery}, answered {(int)response.StatusCode}): {e.Message}", e);
        }

        if (result.Result.Status != StatusResult.Types.Status.Success)
        {
            response.Dispose();
            return new HttpResponseMessage(HttpStatusCode.InternalServerError)
            {
                RequestMessage = request,
                Content = new StringContent($"{function.Name} failed: {result.Result.Exception?.Message}\n{host.Diagnostics}", Encoding.UTF8, "text/plain"),
            };
        }

        return response;
    }
}
