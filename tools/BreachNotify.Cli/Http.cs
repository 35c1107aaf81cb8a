using System.Net;
using System.Net.Http.Headers;

namespace BreachNotify.Cli;

/// <summary>HTTP calls to the app, with unreachable hosts, timeouts and refusals turned into one-line failures.</summary>
internal static class Http
{
    public static Uri BaseUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliException($"--url: '{url}' is not an absolute http(s) URL");
        }

        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    public static HttpClient Client(CliContext context) => new() { Timeout = context.HttpTimeout };

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = request.RequestUri!.GetLeftPart(UriPartial.Authority);
        try
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new CliException($"cannot reach {target}: {Cli.OneLine(e.Message)}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"{target} did not answer within {client.Timeout.TotalSeconds:0} s");
        }
    }

    /// <summary>GET with the commander key; the body on 200, else a failure naming what the app said.</summary>
    public static async Task<string> GetAsCommanderAsync(CliContext context, Uri url, string key, string what, CancellationToken cancellationToken)
    {
        using var client = Client(context);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await SendAsync(client, request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => body,
            HttpStatusCode.Unauthorized => throw new CliException("401: the commander key was refused (--key or BREACHNOTIFY_COMMANDER_KEY)"),
            HttpStatusCode.NotFound => throw new CliException($"404: {what} not found"),
            _ => throw new CliException($"{(int)response.StatusCode} {response.ReasonPhrase}: {Cli.OneLine(body)}"),
        };
    }
}
