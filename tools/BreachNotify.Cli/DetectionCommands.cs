using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;

namespace BreachNotify.Cli;

/// <summary><c>detection send</c>: post a detection file signed as its source would sign it.</summary>
internal static class DetectionCommands
{
    public static Command Create(CliContext context)
    {
        var url = new Option<string>("--url") { Description = "Base URL of the app", DefaultValueFactory = _ => "http://127.0.0.1:7071" };
        var source = new Option<string>("--source") { Description = "Source name (Sources:NAME in the app's settings)", Required = true };
        var secret = new Option<string?>("--secret") { Description = $"The source's secret; better from ${Cli.SourceSecretVariable}, which a process list does not show" };
        var timestamp = new Option<bool>("--timestamp") { Description = "Send X-BreachNotify-Timestamp (now) and sign 'timestamp.body', against replay" };
        var file = new Argument<FileInfo>("file") { Description = "The detection body: JSON in any supported SIEM format, or CEF lines in a .log, .cef or .txt file (sent as text/plain)" };
        var send = new Command("send", "POST a detection to /api/detections with the source's HMAC signature; exit 0 on 202")
        {
            url, source, secret, timestamp, file,
        };
        send.SetAction((parse, ct) => Cli.Guard(context, () => SendAsync(
            context, parse.GetRequiredValue(url), parse.GetRequiredValue(source), parse.GetValue(secret), parse.GetValue(timestamp),
            parse.GetRequiredValue(file), ct)));
        return new Command("detection", "Detections") { send };
    }

    private static async Task<int> SendAsync(
        CliContext context, string url, string source, string? secretOption, bool withTimestamp, FileInfo file, CancellationToken cancellationToken)
    {
        var baseUrl = Http.BaseUrl(url);
        var secret = Cli.Required(context, secretOption, "--secret", Cli.SourceSecretVariable);
        if (!file.Exists)
        {
            throw new CliException($"file not found: {file.FullName}");
        }

        var body = await File.ReadAllBytesAsync(file.FullName, cancellationToken);
        long? ts = withTimestamp ? TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() : null;

        using var client = Http.Client(context);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, $"api/detections?source={Uri.EscapeDataString(source)}"))
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentType(file), IsText(file) ? "utf-8" : null);
        request.Headers.Add(IngestOptions.SignatureHeader, SourceSignature.Sign(secret, body, ts));
        if (ts is { } seconds)
        {
            request.Headers.Add(IngestOptions.TimestampHeader, seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        using var response = await Http.SendAsync(client, request, cancellationToken);
        var answer = await response.Content.ReadAsStringAsync(cancellationToken);
        context.Output.WriteLine($"{(int)response.StatusCode} {response.ReasonPhrase}");
        if (answer.Length > 0)
        {
            context.Output.WriteLine(answer);
        }

        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            context.Error.WriteLine("breachnotify: 401: check --source and the secret (the app's log line says why it refused)");
        }

        return response.StatusCode == HttpStatusCode.Accepted ? 0 : 1;
    }

    /// <summary>CEF is text, one event per line; everything else the app reads is JSON.</summary>
    private static string ContentType(FileInfo file) => IsText(file) ? "text/plain" : "application/json";

    private static bool IsText(FileInfo file) => file.Extension.ToLowerInvariant() is ".log" or ".cef" or ".txt";
}
