using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

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

    /// <summary>The most notices the app lists in one page (<c>noticeLimit</c>'s upper bound).</summary>
    public const int NoticePageSize = 1000;

    /// <summary>
    /// GET of one incident, change or matter with every notice: the app lists them a page at a time, so the pages are followed
    /// (<c>noticesNext</c>) and their notices joined into the first page's answer, without <c>noticesNext</c>. An answer of one
    /// page is returned as the app gave it. An export must not stop at the first thousand notices.
    /// </summary>
    public static async Task<string> GetWithAllNoticesAsCommanderAsync(
        CliContext context, Uri baseUrl, string path, string key, string what, CancellationToken cancellationToken)
    {
        string Page(string? after) => $"{path}?noticeLimit={NoticePageSize}" + (after is null ? "" : $"&noticesAfter={Uri.EscapeDataString(after)}");
        var body = await GetAsCommanderAsync(context, new Uri(baseUrl, Page(null)), key, what, cancellationToken);
        var first = JsonNode.Parse(body) as JsonObject ?? throw new CliException($"the app answered {what} with something else than a JSON object");
        if (Next(first) is not { } next)
        {
            return body;
        }

        var notices = first["notices"] as JsonArray ?? [];
        first["notices"] = null;
        var all = new JsonArray();
        Move(notices, all);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (next is not null)
        {
            if (!seen.Add(next))
            {
                throw new CliException($"the app gave the page after '{next}' of {what} twice");
            }

            var page = JsonNode.Parse(await GetAsCommanderAsync(context, new Uri(baseUrl, Page(next)), key, what, cancellationToken)) as JsonObject
                ?? throw new CliException($"the app answered a page of {what} with something else than a JSON object");
            Move(page["notices"] as JsonArray ?? [], all);
            next = Next(page);
        }

        first["notices"] = all;
        first.Remove("noticesNext");
        return first.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    private static string? Next(JsonObject page) => page["noticesNext"] is JsonValue v && v.TryGetValue<string>(out var next) && next.Length > 0 ? next : null;

    private static void Move(JsonArray from, JsonArray to)
    {
        var items = from.ToList();
        from.Clear();
        foreach (var item in items)
        {
            to.Add(item);
        }
    }
}
