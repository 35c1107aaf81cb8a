using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace BreachNotify.Bench;

public sealed record AckResult(int Attempted, int Recorded, int Failed, IReadOnlyDictionary<string, int> Failures, TimeSpan Elapsed, int IncidentAcknowledged, int SourceAddresses, int SameAddressRefused, int SameAddressTried)
{
    public double Rate => Recorded / Elapsed.TotalSeconds;
}

/// <summary>
/// N recipients acknowledge as a browser without script would: GET the link (antiforgery cookie + hidden field), POST
/// the form. Each recipient is its own client (own cookie container, own connection). The app limits the
/// acknowledgement page to 120 requests per minute per remote address, so recipients come from distinct loopback
/// source addresses (127.0.1.x, ...), a few recipients per address, as recipients on the internet would.
/// </summary>
public static partial class AckScenario
{
    private const int AcksPerAddress = 8;

    public static async Task<AckResult> RunAsync(FanOutScenario fanOut, int count, int concurrency, CancellationToken ct)
    {
        var links = fanOut.Notices.Take(count).Select(m => new Uri(AckLink().Match(m.Html ?? m.Text ?? "").Value)).ToList();
        var failures = new ConcurrentDictionary<string, int>();
        var recorded = 0;
        var next = -1;
        var watch = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(180);
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < links.Count && watch.Elapsed < deadline)
            {
                var outcome = await AcknowledgeAsync(links[i], SourceAddress(i), $"Recipient {i}", ct);
                if (outcome is null)
                {
                    Interlocked.Increment(ref recorded);
                }
                else
                {
                    failures.AddOrUpdate(outcome, 1, (_, n) => n + 1);
                }
            }
        }, ct)).ToList();
        await Task.WhenAll(workers);
        var elapsed = watch.Elapsed;

        using var http = new HttpClient { BaseAddress = fanOut.App.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        var incident = await BenchApi.ReadIncidentAsync(http, fanOut.IncidentId, ct);

        // The per-address limit itself, from one address: GETs of an (already acknowledged) link until refused.
        var (refused, tried) = await SameAddressAsync(links[^1], ct);

        return new AckResult(links.Count, recorded, links.Count - recorded, failures, elapsed, BenchApi.Count(incident, "acknowledged"),
            (links.Count + AcksPerAddress - 1) / AcksPerAddress, refused, tried);
    }

    private static IPAddress SourceAddress(int ack)
    {
        var slot = ack / AcksPerAddress;
        return new IPAddress([127, 0, (byte)(1 + (slot / 250)), (byte)(1 + (slot % 250))]);
    }

    private static HttpClient Browser(IPAddress from) => new(new SocketsHttpHandler
    {
        CookieContainer = new CookieContainer(),
        UseCookies = true,
        AllowAutoRedirect = false,
        ConnectCallback = async (context, token) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(from, 0));
                await socket.ConnectAsync(IPAddress.Parse(context.DnsEndPoint.Host), context.DnsEndPoint.Port, token);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>null when recorded; otherwise what went wrong.</summary>
    private static async Task<string?> AcknowledgeAsync(Uri link, IPAddress from, string name, CancellationToken ct)
    {
        try
        {
            using var browser = Browser(from);
            using var shown = await browser.GetAsync(link, ct);
            var page = await shown.Content.ReadAsStringAsync(ct);
            if (shown.StatusCode != HttpStatusCode.OK)
            {
                return $"GET {(int)shown.StatusCode}";
            }

            var field = FormField().Match(page);
            if (!field.Success)
            {
                return "GET: no form";
            }

            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                [field.Groups["name"].Value] = WebUtility.HtmlDecode(field.Groups["value"].Value),
                ["name"] = name,
            });
            using var posted = await browser.PostAsync(link, form, ct);
            var html = await posted.Content.ReadAsStringAsync(ct);
            return posted.StatusCode != HttpStatusCode.OK ? $"POST {(int)posted.StatusCode}"
                : html.Contains("Your acknowledgement is recorded", StringComparison.Ordinal) ? null
                : "POST: not recorded";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return e.GetType().Name;
        }
    }

    private static async Task<(int Refused, int Tried)> SameAddressAsync(Uri link, CancellationToken ct)
    {
        using var browser = Browser(new IPAddress([127, 0, 0, 77]));
        var refused = 0;
        const int tries = 130;
        for (var i = 0; i < tries; i++)
        {
            using var response = await browser.GetAsync(link, ct);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused++;
            }
        }

        return (refused, tries);
    }

    [GeneratedRegex(@"http://[^\s""<]+/ack/[A-Za-z0-9._\-%]+")]
    private static partial Regex AckLink();

    // The page is a Razor component: its void elements end in " />".
    [GeneratedRegex(@"<input type=""hidden"" name=""(?<name>[^""]+)"" value=""(?<value>[^""]*)""\s*/?>")]
    private static partial Regex FormField();
}
